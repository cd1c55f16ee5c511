import { e2eSuite, openPage, unexpectedErrors } from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import { addNamedProduct, checkPage, fillCard, soon } from '../testing/e2e';

describe('the storefront', { timeout: 120_000 }, () => {
  // A slow payment, so a test can watch an order sit in pending, then turn paid live.
  const { stack, browser } = e2eSuite({ workerEnv: { PAYMENT_LATENCY_MS: '5000' } });

  it('lets a new shopper sign up, search, buy, and watch the order turn paid live', async () => {
    const product = await addNamedProduct(stack(), 'Aurora kettle', { onHand: 12 });
    const { page, context, consoleErrors } = await openPage(browser(), stack());

    await page.goto('/');
    await soon(() => page.getByTestId('product-card').count()).toBeGreaterThan(0);
    await checkPage(page, 'catalog');

    // Sign up from the header.
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await checkPage(page, 'signin');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Full name').fill('Avery Quinn');
    await page.getByLabel('Email').fill(`avery-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await soon(() => page.getByTestId('error-password').textContent()).toMatch(
      /at least 10 characters/i,
    );
    await checkPage(page, 'signup');
    // Long enough but guessable: the server says why, under the field.
    await page.getByLabel('Password').fill('password12');
    await page.getByRole('button', { name: 'Create account' }).click();
    await soon(() => page.getByTestId('error-password').textContent()).toMatch(
      /^This password is too easy to guess: it is one of the most common passwords\./,
    );
    await page.getByLabel('Password').fill('a-long-password-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: /account menu/ }).waitFor();

    // Browse a category: every card is from it.
    await page.getByRole('combobox', { name: 'Category' }).selectOption('Test');
    await soon(() => page.url()).toContain('category=Test');
    await soon(async () =>
      (await page.locator('.product-card-category').allTextContents()).every((c) => c === 'Test'),
    ).toBe(true);

    // Search (debounced) and open the product.
    await page.getByRole('searchbox', { name: 'Search products' }).fill(product.name);
    const card = page.locator(`[data-product-id="${product.id}"]`);
    await soon(() => page.getByTestId('product-card').count()).toBe(1);
    expect(await card.getByTestId('stock-badge').textContent()).toBe('12 in stock');
    await card.getByRole('link').click();
    await page.getByRole('heading', { name: product.name }).waitFor();
    await page.getByRole('button', { name: 'Increase quantity' }).click();
    await checkPage(page, 'product');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await soon(() => page.getByTestId('cart-count').textContent()).toBe('2');
    // The cart survives a reload.
    await page.reload();
    await soon(() => page.getByTestId('cart-count').textContent()).toBe('2');

    // Cart, then checkout with an address.
    await page.getByTestId('cart-link').click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    expect(await page.getByTestId('cart-subtotal').textContent()).toBe('$49.00');
    await checkPage(page, 'cart');
    await page.getByRole('link', { name: 'Check out' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByRole('button', { name: 'Place order' }).click();
    await soon(() => page.getByTestId('error-line1').textContent()).toMatch(/Required/);
    await page.getByLabel('Address', { exact: true }).fill('12 Market Street');
    await page.getByLabel('City').fill('Springfield');
    await page.getByLabel('Postal code').fill('12345');
    await page.getByLabel('Country').selectOption('US');
    await fillCard(page);
    await checkPage(page, 'checkout');
    await page.getByRole('button', { name: 'Place order' }).click();

    // Confirmation, then history while the payment is still pending.
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    expect(await page.getByTestId('order-status').getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId('cart-count').textContent()).toBe('0');
    const confirmationUrl = page.url();
    // A marker a reload would wipe: the status below must change in this very page.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    const row = page.getByTestId('order-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.getByTestId('order-status').getAttribute('data-status')).toBe('pending');
    await soon(() => row.getByTestId('order-status').getAttribute('data-status')).toBe('paid');
    expect(await page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
    await checkPage(page, 'orders');
    await page.goto(confirmationUrl);
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    await checkPage(page, 'confirmation');
    await page.getByRole('link', { name: 'Track this order' }).click();
    await page.getByTestId('status-timeline').waitFor();
    await checkPage(page, 'order');

    // Account.
    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Personal information' }).waitFor();
    // The address of the first order was kept for next time.
    expect(await page.getByLabel('Address', { exact: true }).inputValue()).toBe('12 Market Street');
    await page.getByLabel('Phone (optional)').fill('12');
    await page.getByRole('button', { name: 'Save details' }).click();
    await soon(() => page.getByTestId('error-phone').textContent()).toBe(
      'Expected + and 7 to 15 digits.',
    );
    await checkPage(page, 'account');
    await page.getByLabel('Phone (optional)').fill('+1 415 555 2671');
    await page.getByLabel('Full name').fill('Morgan Quinn');
    await page.getByRole('button', { name: 'Save details' }).click();
    // The header follows the new name.
    await soon(() => page.getByRole('button', { name: /account menu/ }).textContent()).toContain(
      'Morgan',
    );
    await soon(() => page.getByText('Your details are saved').count()).toBe(1);
    // A wrong current password comes back from the server and lands under its field.
    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password', { exact: true }).fill('another-long-password');
    await page.getByLabel('Confirm new password').fill('another-long-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await soon(() => page.getByTestId('error-current').textContent()).toBe(
      'That is not your current password.',
    );
    await page.getByLabel('Current password').fill('a-long-password-1');
    await page.getByLabel('New password', { exact: true }).fill('aaaaaaaaaa');
    await page.getByLabel('Confirm new password').fill('aaaaaaaaaa');
    await page.getByRole('button', { name: 'Change password' }).click();
    await soon(() => page.getByTestId('error-next').textContent()).toMatch(
      /^This password is too easy to guess: it repeats a character/,
    );

    await page.goto('/no-such-page');
    await page.getByRole('heading', { name: /couldn’t find that page/ }).waitFor();
    await checkPage(page, 'not-found');

    expect(unexpectedErrors(consoleErrors, [400, 401])).toEqual([]);
    await context.close();
  });

  it('works at phone width, signed in as the demo shopper', async () => {
    const product = await addNamedProduct(stack(), 'Pocket lamp', { onHand: 4 });
    const { page, context, consoleErrors } = await openPage(browser(), stack(), {
      viewport: 'phone',
    });

    await page.goto('/');
    await soon(() => page.getByTestId('product-card').count()).toBeGreaterThan(0);
    await checkPage(page, 'catalog');

    await page.goto('/signup');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await checkPage(page, 'signup');
    await page.goto('/signin');
    await page.getByLabel('Email').fill(stack().customer.email);
    await page.getByLabel('Password').fill(stack().customer.password);
    await checkPage(page, 'signin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: /account menu/ }).click();
    await checkPage(page, 'account-menu');
    await page.keyboard.press('Escape');

    await page.goto(`/products/${product.id}`);
    await soon(() => page.getByTestId('stock-badge').textContent()).toBe('Only 4 left');
    await checkPage(page, 'product');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await soon(() => page.getByTestId('cart-count').textContent()).toBe('1');

    await page.getByTestId('cart-link').click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await checkPage(page, 'cart');
    await page.getByRole('link', { name: 'Check out' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await soon(() => page.getByLabel('City').inputValue()).not.toBe('');
    await checkPage(page, 'checkout');

    await page.goto('/orders');
    await page.getByTestId('order-row').first().waitFor();
    await checkPage(page, 'orders');
    await page.getByTestId('order-row').first().getByRole('link').click();
    await page.getByTestId('status-timeline').waitFor();
    await checkPage(page, 'order');
    // The thank-you page, opened for that order (it tells the order's current status).
    await page.goto(page.url().replace('/orders/', '/checkout/done/'));
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    await checkPage(page, 'confirmation');

    await page.goto('/account');
    await page.getByRole('heading', { name: 'Personal information' }).waitFor();
    await checkPage(page, 'account');

    await page.goto('/no-such-page');
    await page.getByRole('heading', { name: /couldn’t find that page/ }).waitFor();
    await checkPage(page, 'not-found');

    // Sign out from the account menu.
    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.goto('/orders');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(page.url()).toContain('/signin?next=%2Forders');

    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('can be used with the keyboard alone, with a visible focus', async () => {
    const product = await addNamedProduct(stack(), 'Keyboard tray', { onHand: 9 });
    const { page, context, consoleErrors } = await openPage(browser(), stack());
    await page.goto('/');
    await soon(() => page.getByTestId('product-card').count()).toBeGreaterThan(0);
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return {
          text: element?.textContent?.trim() ?? '',
          label: element?.getAttribute('aria-label') ?? element?.getAttribute('name') ?? '',
          outline: element ? getComputedStyle(element).outlineStyle : 'none',
        };
      });

    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect((await focused()).label).toBe('search');
    await page.keyboard.type(product.name);
    await soon(() => page.getByTestId('product-card').count()).toBe(1);
    // Category, in stock only, then the card's link.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const link = await focused();
    expect(link.text).toContain(product.name);
    expect(link.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: product.name }).waitFor();
    await page.getByRole('button', { name: 'Add to cart' }).focus();
    await page.keyboard.press('Enter');
    await soon(() => page.getByTestId('cart-count').textContent()).toBe('1');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

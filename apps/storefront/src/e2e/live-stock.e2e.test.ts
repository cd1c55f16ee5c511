import { schema } from '@stockpulse/db';
import { e2eSuite, openPage, screenshot, unexpectedErrors } from '@stockpulse/e2e';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addNamedProduct,
  addToCart,
  buyViaApi,
  fillCard,
  saveAddressViaApi,
  signUpViaApi,
  soon,
} from '../testing/e2e';

describe('live stock and checkout against other shoppers', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite();

  /** A new shopper, `quantity` of a new product in the cart, at checkout with the address in. */
  async function shopperAtCheckout(word: string, name: string, quantity: number) {
    const product = await addNamedProduct(stack(), word, { onHand: 10 });
    const shopper = await openPage(browser(), stack());
    const customer = await signUpViaApi(shopper.page, name);
    await saveAddressViaApi(shopper.page);
    await addToCart(shopper.page, product.id, quantity);
    await shopper.page.goto('/checkout');
    await soon(() => shopper.page.getByLabel('City').inputValue()).toBe('Springfield');
    await fillCard(shopper.page);
    return { shopper, customer };
  }

  /** The ids of a customer's orders, straight from the database. */
  const ordersOf = (customerId: number) =>
    stack()
      .world.db.select({ id: schema.orders.id })
      .from(schema.orders)
      .where(eq(schema.orders.customerId, customerId));

  it('turns a badge to "Sold out" when another shopper buys the last units', async () => {
    const product = await addNamedProduct(stack(), 'Lantern', { onHand: 2 });
    const watcher = await openPage(browser(), stack());
    await watcher.page.goto(`/?q=${encodeURIComponent(product.name)}`);
    const card = watcher.page.locator(`[data-product-id="${product.id}"]`);
    await soon(() => card.getByTestId('stock-badge').textContent()).toBe('Only 2 left');
    await watcher.page.locator('.live-indicator.live-live').waitFor();

    const buyer = await openPage(browser(), stack());
    await signUpViaApi(buyer.page, 'Blake Buyer');
    await buyViaApi(buyer.page, product.id, 2);

    // No reload: the live layer patches the cached catalog.
    await soon(() => card.getByTestId('stock-badge').textContent()).toBe('Sold out');
    expect(await card.getByRole('button', { name: /Sold out/ }).isDisabled()).toBe(true);
    await screenshot(watcher.page, 'storefront', 'catalog-sold-out');
    expect(watcher.consoleErrors).toEqual([]);
    await Promise.all([watcher.context.close(), buyer.context.close()]);
  });

  it('flags a cart line live as others buy, and fixes it in one click', async () => {
    const product = await addNamedProduct(stack(), 'Candle', { onHand: 5 });
    const shopper = await openPage(browser(), stack());
    await addToCart(shopper.page, product.id, 3);
    await shopper.page.goto('/cart');
    const line = shopper.page.locator(`[data-testid="cart-line"][data-product-id="${product.id}"]`);
    await line.waitFor();
    await shopper.page.locator('.live-indicator.live-live').waitFor();
    expect(await line.getByTestId('line-issue').count()).toBe(0);

    const rival = await openPage(browser(), stack());
    await signUpViaApi(rival.page, 'Parker Rival');
    await buyViaApi(rival.page, product.id, 3);
    await soon(() => line.getByTestId('line-issue').textContent()).toMatch(/Only 2 left/);
    await screenshot(shopper.page, 'storefront', 'cart-flagged');
    await line.getByRole('button', { name: 'Keep 2' }).click();
    await soon(() => line.getByTestId('line-issue').count()).toBe(0);
    expect(await line.getByRole('spinbutton').inputValue()).toBe('2');

    await buyViaApi(rival.page, product.id, 2);
    await soon(() => line.getByTestId('line-issue').textContent()).toMatch(/Sold out/);
    await line.getByRole('button', { name: 'Remove it' }).click();
    await shopper.page.getByRole('heading', { name: 'Your cart is empty' }).waitFor();
    expect(shopper.consoleErrors).toEqual([]);
    await Promise.all([shopper.context.close(), rival.context.close()]);
  });

  it('pins OUT_OF_STOCK to the exact checkout line, with a one-click fix', async () => {
    const scarce = await addNamedProduct(stack(), 'Fern', { onHand: 3 });
    const plenty = await addNamedProduct(stack(), 'Spoon', { onHand: 50, priceCents: 500 });
    const shopper = await openPage(browser(), stack());
    await signUpViaApi(shopper.page, 'Casey Checkout');
    await saveAddressViaApi(shopper.page);
    await addToCart(shopper.page, scarce.id, 2);
    await addToCart(shopper.page, plenty.id, 1);
    await shopper.page.goto('/checkout');
    await shopper.page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await soon(() => shopper.page.getByLabel('City').inputValue()).toBe('Springfield');
    await fillCard(shopper.page);

    // Someone else takes every last one while the shopper is on the checkout page.
    const rival = await openPage(browser(), stack());
    await signUpViaApi(rival.page, 'Riley Rival');
    await buyViaApi(rival.page, scarce.id, 3);

    await shopper.page.getByRole('button', { name: 'Place order' }).click();
    const scarceLine = shopper.page.locator(
      `[data-testid="cart-line"][data-product-id="${scarce.id}"]`,
    );
    const plentyLine = shopper.page.locator(
      `[data-testid="cart-line"][data-product-id="${plenty.id}"]`,
    );
    await soon(() => scarceLine.getByTestId('line-issue').textContent()).toMatch(
      /Sold out: there are none left/,
    );
    expect(await plentyLine.getByTestId('line-issue').count()).toBe(0);
    expect(
      await shopper.page.getByRole('alert').filter({ hasText: 'sold out while' }).count(),
    ).toBe(1);
    await screenshot(shopper.page, 'storefront', 'checkout-out-of-stock');

    // The fix: remove the line, then the order goes through with what is left.
    await scarceLine.getByRole('button', { name: 'Remove it' }).click();
    await soon(() => scarceLine.count()).toBe(0);
    await shopper.page.getByRole('button', { name: 'Place order' }).click();
    await shopper.page.getByRole('heading', { name: /Thank you/ }).waitFor();
    expect(unexpectedErrors(shopper.consoleErrors, [409])).toEqual([]);
    await Promise.all([shopper.context.close(), rival.context.close()]);
  });

  it('creates exactly one order from a double click on "Place order"', async () => {
    const { shopper, customer } = await shopperAtCheckout('Tumbler', 'Dana Double', 1);
    const place = shopper.page.getByRole('button', { name: 'Place order' });
    await soon(() => place.isEnabled()).toBe(true);

    await place.dblclick();
    await shopper.page.getByRole('heading', { name: /Thank you/ }).waitFor();

    const orders = await ordersOf(customer.id);
    expect(orders).toHaveLength(1);
    expect(shopper.consoleErrors).toEqual([]);
    await shopper.context.close();
  });

  it('creates exactly one order when the same request reaches the server twice (a retry)', async () => {
    const { shopper, customer } = await shopperAtCheckout('Saucer', 'Rory Retry', 2);
    // The network sends the order twice, as a proxy or a flaky connection retrying would.
    await shopper.page.route('**/trpc/orders.place*', async (route) => {
      await (await route.fetch()).body();
      await route.fulfill({ response: await route.fetch() });
    });

    await shopper.page.getByRole('button', { name: 'Place order' }).click();
    await shopper.page.getByRole('heading', { name: /Thank you/ }).waitFor();

    const orders = await ordersOf(customer.id);
    expect(orders).toHaveLength(1);
    expect(shopper.page.url()).toContain(`/checkout/done/${orders[0]?.id}`);
    expect(shopper.consoleErrors).toEqual([]);
    await shopper.context.close();
  });
});

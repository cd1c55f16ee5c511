import {
  e2eSuite,
  openPage,
  screenshot,
  seriousA11yViolations,
  unexpectedErrors,
} from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import { openConsole, placeOrder, registerCustomer, signInToConsole } from '../testing/e2e';

describe('the admin console', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite();

  it('refuses a customer account, loading nothing of the console', async () => {
    const { page, context, consoleErrors } = await openPage(browser(), stack());
    const adminCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/trpc/admin.')) adminCalls.push(request.url());
    });
    await signInToConsole(page, stack().customer);
    await page.getByRole('heading', { name: 'This console is for Stockpulse staff' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain(stack().customer.email);
    expect(adminCalls).toEqual([]);
    await screenshot(page, 'admin', 'refused');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('shows every view to an administrator, accessible and without console errors', async () => {
    const { page, context, consoleErrors } = await openPage(browser(), stack());
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await screenshot(page, 'admin', 'sign-in');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await openConsole(page, stack());
    const views = [
      ['overview', '/admin', 'Live orders'],
      ['orders', '/admin/orders', 'Orders'],
      ['inventory', '/admin/inventory', 'Open restocks'],
      ['products', '/admin/products', 'Products'],
      ['customers', '/admin/customers', 'Customers'],
      ['sales', '/admin/sales', 'Top products'],
      ['queues', '/admin/queues', 'Jobs by state'],
    ] as const;
    for (const [name, path, heading] of views) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'admin', name);
      expect(await seriousA11yViolations(page), name).toEqual([]);
    }
    // The widest laptop the console is made for: the same views, more room.
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const [name, path, heading] of views.slice(0, 3)) {
      await page.goto(path);
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'admin', name); // <name>-1440px.png
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    // Detail pages: the first order, product stock, product form and customer.
    await page.goto('/admin/orders');
    await page.locator('tbody tr a').first().click();
    await page.getByRole('heading', { name: 'Status timeline' }).waitFor();
    await screenshot(page, 'admin', 'order');
    expect(await seriousA11yViolations(page), 'order').toEqual([]);
    await page.goto('/admin/inventory');
    await page.getByRole('button', { name: 'Run check' }).click();
    await page.getByText(/All invariants hold/).waitFor();
    await page.locator('tbody tr a').first().click();
    await page.getByRole('heading', { name: 'Ledger' }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'admin', 'product-stock');
    expect(await seriousA11yViolations(page), 'product stock').toEqual([]);
    await page.getByRole('button', { name: 'Adjust stock' }).click();
    await page.getByRole('dialog').waitFor();
    await screenshot(page, 'admin', 'adjust-dialog');
    expect(await seriousA11yViolations(page), 'adjust dialog').toEqual([]);
    await page.keyboard.press('Escape');
    await page.goto('/admin/products/new');
    await page.getByLabel('Price (USD)').fill('twelve');
    await page.getByRole('button', { name: 'Create product' }).click();
    // One save shows every field's message: the server's, and the browser's for the price.
    await page.locator('.field-error').nth(3).waitFor();
    const fieldErrors = await page.locator('.field-invalid label').allTextContents();
    expect(fieldErrors).toEqual(['Name', 'SKU', 'Category', 'Price (USD)']);
    await screenshot(page, 'admin', 'product-new');
    expect(await seriousA11yViolations(page), 'product form').toEqual([]);
    await page.goto('/admin/customers');
    await page.locator('tbody tr a').first().click();
    await page.getByRole('heading', { name: 'Recent orders' }).waitFor();
    await screenshot(page, 'admin', 'customer');
    expect(await seriousA11yViolations(page), 'customer').toEqual([]);
    // Signing out ends the session and shows the sign-in form again, nothing cached.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    const me = await page.request.get('/trpc/auth.me');
    expect(
      ((await me.json()) as { result: { data: { json: unknown } } }).result.data.json,
    ).toBeNull();
    // Chromium logs the refused product save (400) itself; nothing else may appear.
    expect(consoleErrors).toHaveLength(1);
    expect(consoleErrors[0]).toContain('the server responded with a status of 400');
    await context.close();
  });

  it('shows a new order live, and the customer follows the admin shipping and delivering it', async () => {
    const admin = await openPage(browser(), stack());
    await openConsole(admin.page, stack());
    const ordersKpi = admin.page.locator('[data-kpi="orders"] .kpi-value');
    await ordersKpi.locator('.skeleton').waitFor({ state: 'detached' });
    const ordersBefore = Number((await ordersKpi.textContent())?.replace(/\D/g, ''));

    const customer = await openPage(browser(), stack());
    await registerCustomer(customer.page, 'Live Larry');
    const productId = await stack().world.addProduct({ onHand: 20, priceCents: 2_500 });
    const orderId = await placeOrder(customer.page, [{ productId, quantity: 2 }]);

    // In the feed without a reload, then paid (the worker), and counted once paid.
    const row = admin.page.locator(`.feed-item[data-order-id="${orderId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Live Larry');
    await row.getByText('Paid').waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => Number((await ordersKpi.textContent())?.replace(/\D/g, '')), {
        timeout: 10_000,
      })
      .toBe(ordersBefore + 1);
    await screenshot(admin.page, 'admin', 'overview-live');

    // The customer's order page, in the storefront.
    await customer.page.goto(`/orders/${orderId}`);
    const customerStatus = (status: string) =>
      customer.page
        .locator(`[data-testid="order-status"][data-status="${status}"]`)
        .waitFor({ timeout: 10_000 });
    await customerStatus('paid');

    await row.locator('a').click();
    await admin.page.getByRole('heading', { name: `Order #${orderId}` }).waitFor();
    // Only what the state machine allows from paid.
    const actions = admin.page.getByRole('group', { name: 'Order actions' }).getByRole('button');
    expect(await actions.allTextContents()).toEqual(['Mark shipped', 'Cancel order']);
    await admin.page.getByRole('button', { name: 'Mark shipped' }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Mark shipped' }).click();
    await admin.page.getByText(`Order #${orderId} is now shipped`).waitFor();
    await customerStatus('shipped');

    expect(await actions.allTextContents()).toEqual(['Mark delivered']);
    await admin.page.getByRole('button', { name: 'Mark delivered' }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Mark delivered' }).click();
    await admin.page.getByText(`Order #${orderId} is now delivered`).waitFor();
    await customerStatus('delivered');
    await screenshot(admin.page, 'admin', 'order-delivered');
    await screenshot(customer.page, 'admin', 'customer-order-delivered');
    expect(admin.consoleErrors).toEqual([]);
    await Promise.all([admin.context.close(), customer.context.close()]);
  });

  it('adjusts stock: refused below what is reserved, then the storefront badge follows live', async () => {
    const productId = await stack().world.addProduct({ onHand: 20, name: 'Live stock lamp' });
    const admin = await openPage(browser(), stack());
    await openConsole(admin.page, stack());
    await admin.page.goto(`/admin/inventory/${productId}`);
    await admin.page.getByRole('heading', { name: 'Live stock lamp' }).waitFor();
    // By its exact label: "Available" is also the end of "Unavailable".
    const figure = (label: string) =>
      admin.page
        .locator('.figure', { has: admin.page.getByText(label, { exact: true }) })
        .locator('.figure-value');
    expect(await figure('Reserved').textContent()).toBe('0');

    // A customer's order reserves two: the console's figures follow without a reload.
    const customer = await openPage(browser(), stack());
    await registerCustomer(customer.page, 'Stock Sam');
    await placeOrder(customer.page, [{ productId, quantity: 2 }]);
    await expect.poll(() => figure('Reserved').textContent(), { timeout: 10_000 }).toBe('2');
    expect(await figure('Available').textContent()).toBe('18');
    await customer.page.goto(`/products/${productId}`);
    const badge = customer.page.getByTestId('stock-badge');
    await customer.page.getByText('18 in stock').waitFor();

    await admin.page.getByRole('button', { name: 'Adjust stock' }).click();
    const dialog = admin.page.getByRole('dialog');
    const change = dialog.getByLabel('Change (units, negative to remove)');
    await change.fill('-19');
    await dialog.getByLabel('Reason (kept on the ledger)').fill('stocktake: water damage');
    await dialog.getByRole('button', { name: 'Adjust' }).click();
    // The server's STOCK_BELOW_RESERVED, next to the field it is about.
    const message = dialog.locator('.field-error');
    await message.waitFor();
    expect(await message.textContent()).toBe(
      'At most 18 units can be removed (-18): 2 more units are reserved by open orders.',
    );
    expect(await change.getAttribute('aria-invalid')).toBe('true');
    await screenshot(admin.page, 'admin', 'adjust-refused');

    await change.fill('-15');
    await dialog.getByRole('button', { name: 'Adjust' }).click();
    await dialog.waitFor({ state: 'detached' });
    await customer.page.getByText('Only 3 left').waitFor({ timeout: 10_000 });
    expect(await badge.textContent()).toBe('Only 3 left');
    // The console's own figures followed too, and the ledger has the reason.
    await admin.page.getByText('stocktake: water damage').waitFor();
    // Who reserved, by name, and the order it was for, as a link to that order's page.
    const reserve = admin.page.locator('tbody tr', { hasText: 'Reserve' });
    expect(await reserve.getByText('Stock Sam', { exact: true }).count()).toBe(1);
    await reserve.getByRole('link', { name: /^order #\d+$/ }).click();
    await admin.page.getByRole('heading', { name: 'Status timeline' }).waitFor();
    expect(await admin.page.locator('.timeline').textContent()).toContain('Stock Sam');
    // Chromium logs the refused adjustment's 409 itself; nothing else may appear.
    expect(unexpectedErrors(admin.consoleErrors, [409])).toEqual([]);
    expect(admin.consoleErrors).toHaveLength(1);
    await Promise.all([admin.context.close(), customer.context.close()]);
  });
});

import { e2eSuite, openPage, screenshot, seriousA11yViolations } from '@stockpulse/e2e';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, openConsole, placeOrder, query, registerCustomer } from '../testing/e2e';

const soon = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 20_000, interval: 150 });

/** No list refetching (a live refresh dims its rows for a moment: not what axe should judge). */
async function settled(page: Page) {
  // The relay hands the last step's events on within a second; their refetch follows.
  await page.waitForTimeout(1_000);
  await soon(() => page.locator('table[aria-busy="true"]').count()).toBe(0);
}

/** On a phone the navigation is folded into the menu. */
async function goVia(page: Page, link: string) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('link', { name: link, exact: true }).click();
}

describe('fulfilment in the console', { timeout: 180_000 }, () => {
  const { stack, browser } = e2eSuite({ seed: { products: 12, orders: 10 } });

  it('ships part of a paid order from the queue, shows the parcel, and cancels the rest', async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const teeId = await stack().world.addProduct({
      onHand: 20,
      name: `Parcel tee ${tag}`,
      priceCents: 2_000,
    });
    const mugId = await stack().world.addProduct({
      onHand: 20,
      name: `Parcel mug ${tag}`,
      priceCents: 1_250,
    });

    // A shopper orders 3 tees and 1 mug; the orders job takes the payment.
    const shopper = await openPage(browser(), stack());
    await registerCustomer(shopper.page, 'Frida Fulfil');
    const orderId = await placeOrder(shopper.page, [
      { productId: teeId, quantity: 3 },
      { productId: mugId, quantity: 1 },
    ]);
    await soon(
      async () =>
        (await query<{ status: string }>(shopper.page, 'orders.byId', { id: orderId })).status,
    ).toBe('paid');
    await shopper.context.close();

    const { page, context, consoleErrors } = await openPage(browser(), stack(), {
      viewport: 'wide',
    });
    await openConsole(page, stack());
    await goVia(page, 'Fulfilment');
    await page.getByRole('heading', { name: 'Fulfilment' }).waitFor();
    const row = page.locator(`tbody tr[data-order-id="${orderId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(`3 × Parcel tee ${tag}`);
    // A location chip per location with open units, with its count.
    expect(await page.getByRole('button', { name: /^Main warehouse \d+$/ }).count()).toBe(1);
    await screenshot(page, 'admin', 'fulfilment-queue');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Ship 2 of the 3 tees, not the mug.
    await page.getByRole('button', { name: `Ship order #${orderId}…` }).click();
    const dialog = page.getByRole('dialog', { name: `Ship order #${orderId}` });
    await dialog.getByLabel(`Units of Parcel tee ${tag} to ship`).fill('2');
    await dialog.getByLabel(`Units of Parcel mug ${tag} to ship`).fill('0');
    await dialog.getByLabel('Carrier').fill('UPS');
    await dialog.getByLabel('Tracking number').fill(`1ZE2E${tag}`);
    await screenshot(page, 'admin', 'fulfilment-ship-dialog');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Ship 2 units' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Still in the queue, now partially shipped, with 1 tee and the mug open.
    await soon(() => row.getAttribute('data-status')).toBe('partially_shipped');
    await soon(async () => row.textContent()).toContain(`1 × Parcel tee ${tag}`);

    // The order page shows the parcel and the counts per line.
    await row.getByRole('link', { name: `#${orderId}`, exact: true }).click();
    await page.getByRole('heading', { name: `Order #${orderId}` }).waitFor();
    const header = page.locator('.page-header');
    await soon(() => header.locator('.pill').first().textContent()).toBe('Partially shipped');
    const parcels = page.locator('[data-shipment-id]');
    expect(await parcels.count()).toBe(1);
    expect(await parcels.first().textContent()).toContain(`UPS · 1ZE2E${tag}`);
    expect(await parcels.first().textContent()).toContain(`2 × Parcel tee ${tag}`);
    await screenshot(page, 'admin', 'order-partially-shipped');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The packing slip lists what is left to pack.
    await page.getByRole('link', { name: 'Packing slip' }).click();
    await page.getByRole('heading', { name: 'Packing slip' }).waitFor();
    expect(await page.locator('.slip-lines tfoot').textContent()).toContain('2 units');
    await screenshot(page, 'admin', 'packing-slip');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Printed, it is the slip alone: no navigation, no buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav[aria-label="Console"]').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Packing slip' }).isVisible()).toBe(true);
    await screenshot(page, 'admin', 'packing-slip-print');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: `Order #${orderId}` }).click();

    // Cancel the rest: the money note says what it does, and the order ends shipped.
    await page.getByRole('button', { name: 'Cancel items…' }).click();
    const cancel = page.getByRole('dialog', { name: `Cancel items of order #${orderId}` });
    await cancel.getByRole('button', { name: 'Every open unit' }).click();
    expect(await cancel.locator('.money-note').textContent()).toMatch(/\$32\.50/);
    await cancel.getByLabel('Reason (shown to the customer)').fill('Out of stock after a recount');
    await screenshot(page, 'admin', 'order-cancel-items');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await cancel.getByRole('button', { name: 'Cancel 2 units' }).click();
    await cancel.waitFor({ state: 'detached' });
    await soon(() => header.locator('.pill').first().textContent()).toBe('Shipped');
    const teeRow = page.locator('tbody tr', { hasText: `Parcel tee ${tag}` });
    await soon(() => teeRow.locator('[data-col="cancelled"]').textContent()).toBe('1');
    expect(await teeRow.locator('[data-col="shipped"]').textContent()).toBe('2');

    // Gone from the queue.
    await goVia(page, 'Fulfilment');
    await page.getByRole('heading', { name: 'Fulfilment' }).waitFor();
    await soon(() => page.locator(`tbody tr[data-order-id="${orderId}"]`).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('fits the queue, the dialogs and an order on a phone', async () => {
    const productId = await stack().world.addProduct({ onHand: 10, name: 'Phone tee' });
    const shopper = await openPage(browser(), stack());
    await registerCustomer(shopper.page, 'Pia Phone');
    const orderId = await placeOrder(shopper.page, [{ productId, quantity: 2 }]);
    await soon(
      async () =>
        (await query<{ status: string }>(shopper.page, 'orders.byId', { id: orderId })).status,
    ).toBe('paid');
    await shopper.context.close();

    const { page, context, consoleErrors } = await openPage(browser(), stack(), {
      viewport: 'phone',
    });
    await openConsole(page, stack());
    await goVia(page, 'Fulfilment');
    const row = page.locator(`tbody tr[data-order-id="${orderId}"]`);
    await row.waitFor();
    await row.getByRole('checkbox').check();
    await screenshot(page, 'admin', 'fulfilment-queue');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ship 1 order…' }).click();
    const bulk = page.getByRole('dialog', { name: 'Ship 1 order' });
    await bulk.getByLabel('Carrier').fill('DHL');
    await bulk.getByLabel(`Tracking number for order #${orderId}`).fill('JD014600');
    await screenshot(page, 'admin', 'fulfilment-bulk-ship');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await bulk.getByRole('button', { name: 'Ship 1 order' }).click();
    await bulk.waitFor({ state: 'detached' });
    await soon(() => row.count()).toBe(0);

    await page.goto(`/admin/orders/${orderId}`);
    await page.locator('[data-shipment-id]').waitFor();
    expect(await page.locator('.page-header .pill').first().textContent()).toBe('Shipped');
    await screenshot(page, 'admin', 'order-shipped');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('takes a return from request to refund, and shows refunds in the sales totals', async () => {
    const productId = await stack().world.addProduct({
      onHand: 10,
      name: 'Return lamp',
      priceCents: 4_000,
    });
    const shopper = await openPage(browser(), stack());
    await registerCustomer(shopper.page, 'Rita Return');
    const orderId = await placeOrder(shopper.page, [{ productId, quantity: 2 }]);
    await soon(
      async () =>
        (await query<{ status: string }>(shopper.page, 'orders.byId', { id: orderId })).status,
    ).toBe('paid');

    const { page, context, consoleErrors } = await openPage(browser(), stack(), {
      viewport: 'wide',
    });
    await openConsole(page, stack());
    // Shipped and delivered through the API: the console's part here is the return.
    await call(page, 'admin.fulfilment.shipMany', {
      carrier: 'UPS',
      orders: [{ orderId, trackingNumber: 'RET-1' }],
    });
    await call(page, 'admin.orders.transition', { id: orderId, to: 'delivered' });
    const order = await query<{ lines: { orderDetailId: number }[] }>(page, 'admin.orders.byId', {
      id: orderId,
    });
    const orderDetailId = order.lines[0]!.orderDetailId;
    await call(shopper.page, 'orders.requestReturn', {
      orderId,
      lines: [{ orderDetailId, quantity: 2 }],
      reason: 'Too bright',
    });
    await shopper.context.close();

    await goVia(page, 'Returns');
    await page.getByRole('heading', { name: 'Returns' }).waitFor();
    const row = page.locator('tbody tr[data-return-id]', { hasText: `#${orderId}` });
    await row.waitFor();
    await settled(page);
    await screenshot(page, 'admin', 'returns');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await row.getByRole('button', { name: /^Review return #\d+$/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Return #\d+$/ });
    await dialog.getByRole('button', { name: 'Approve' }).click();
    // Approved: one lamp back on the shelf, one damaged.
    await dialog.getByLabel('Units of Return lamp received').fill('1');
    await dialog.getByRole('button', { name: 'Receive' }).click();
    // The form starts over from what is still expected back: the other lamp.
    const restocked = dialog.locator('table[aria-label="Returned lines"] tbody td:nth-child(3)');
    await soon(() => restocked.textContent()).toBe('1');
    const expected = dialog.locator('table[aria-label="Units received"] tbody td:nth-child(2)');
    expect(await expected.textContent()).toBe('1');
    expect(await dialog.locator('.pill').first().textContent()).toBe('Approved');
    await dialog.getByLabel('Condition of Return lamp').selectOption('damaged');
    await dialog.getByRole('button', { name: 'Receive' }).click();
    await soon(() => dialog.locator('.pill').first().textContent()).toBe('Received');
    const amount = dialog.getByLabel('Amount (dollars)');
    expect(await amount.inputValue()).toBe('80.00');
    await amount.fill('75');
    await screenshot(page, 'admin', 'return-refund');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Refund $75.00' }).click();
    await soon(() => dialog.locator('.pill').first().textContent()).toBe('Refunded');
    await page.keyboard.press('Escape');

    // The order's Payment panel lists the refund; a goodwill refund stays within what is left.
    await page.goto(`/admin/orders/${orderId}`);
    // Its return is listed too, linking to the return's dialog.
    const returned = page.locator('section[aria-labelledby="returns-title"] [data-return-id]');
    await returned.waitFor();
    expect(await returned.locator('.pill').textContent()).toBe('Refunded');
    const payment = page.locator('section[aria-labelledby="payment-title"]');
    await payment.locator('[data-refund-id]').first().waitFor();
    expect(await payment.textContent()).toContain('•••• 4242');
    expect(await payment.locator('[data-refund-id]').first().textContent()).toContain('$75.00');
    await payment.getByRole('button', { name: 'Refund…' }).click();
    const refund = page.getByRole('dialog', { name: `Refund order #${orderId}` });
    await refund.getByLabel('Amount (dollars)').fill('6');
    await refund.getByLabel('Reason (shown to the customer)').fill('Sorry for the wait');
    // Past what is left: refused at the field before anything is sent.
    await refund.getByRole('button', { name: 'Refund', exact: true }).click();
    await refund.getByText('At most $5.00 can be refunded').waitFor();
    await screenshot(page, 'admin', 'order-refund-refused');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await refund.getByLabel('Amount (dollars)').fill('5');
    await refund.getByRole('button', { name: 'Refund $5.00' }).click();
    await refund.waitFor({ state: 'detached' });
    await soon(() => payment.locator('[data-refund-id]').count()).toBe(2);
    await settled(page);
    await screenshot(page, 'admin', 'order-payment');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await goVia(page, 'Sales');
    await soon(() => page.locator('[data-kpi="net"] .kpi-note').textContent()).toMatch(/refunded$/);
    await page.getByText('Loading charts…').waitFor({ state: 'detached' });
    await screenshot(page, 'admin', 'sales-net');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

import { e2eSuite, openPage, screenshot } from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import {
  addNamedProduct,
  buyViaApi,
  callApi,
  checkPage,
  saveAddressViaApi,
  signUpViaApi,
  soon,
} from '../testing/e2e';

describe('an order page', { timeout: 120_000 }, () => {
  // A slow payment, so the page opens while the order is still pending.
  const { stack, browser } = e2eSuite({ workerEnv: { PAYMENT_LATENCY_MS: '5000' } });

  it('moves its timeline live (paid, then shipped by staff) and offers cancel only while allowed', async () => {
    const product = await addNamedProduct(stack(), 'Kettle', { onHand: 20 });
    const shopper = await openPage(browser(), stack());
    await signUpViaApi(shopper.page, 'Toni Timeline');
    await saveAddressViaApi(shopper.page);
    const order = await buyViaApi(shopper.page, product.id, 1);

    const { page } = shopper;
    await page.goto(`/orders/${order.id}`);
    const current = page.locator('.timeline-step[aria-current="step"] .timeline-label');
    await soon(() => current.textContent()).toBe('Order placed');
    await soon(() => current.textContent()).toBe('Payment confirmed');
    expect(await page.getByRole('button', { name: 'Cancel order' }).isVisible()).toBe(true);

    // Staff ship it from the console (its API, in a context of their own).
    const staff = await openPage(browser(), stack());
    await callApi(staff.page, 'auth.login', stack().admin);
    await callApi(staff.page, 'admin.orders.transition', { id: order.id, to: 'shipped' });
    await soon(() => current.textContent()).toBe('Shipped');
    expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    await checkPage(page, 'order-shipped');
    expect(shopper.consoleErrors).toEqual([]);
    await Promise.all([shopper.context.close(), staff.context.close()]);
  });

  it('lets the customer cancel a paid order, and shows why it was cancelled', async () => {
    const product = await addNamedProduct(stack(), 'Teapot', { onHand: 20 });
    const shopper = await openPage(browser(), stack(), { viewport: 'phone' });
    await signUpViaApi(shopper.page, 'Cory Cancel');
    await saveAddressViaApi(shopper.page);
    const order = await buyViaApi(shopper.page, product.id, 2);

    const { page } = shopper;
    await page.goto(`/orders/${order.id}`);
    await soon(() => page.getByTestId('order-status').getAttribute('data-status')).toBe('paid');
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await soon(() => page.getByTestId('order-status').getAttribute('data-status')).toBe(
      'cancelled',
    );
    await soon(() => page.locator('.timeline-note').textContent()).toBe(
      'You cancelled this order.',
    );
    await screenshot(page, 'storefront', 'order-cancelled');
    // Its units are back on sale.
    await page.goto(`/products/${product.id}`);
    await soon(() => page.getByTestId('stock-badge').textContent()).toBe('20 in stock');
    expect(shopper.consoleErrors).toEqual([]);
    await shopper.context.close();
  });
});

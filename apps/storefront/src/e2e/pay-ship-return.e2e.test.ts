import { e2eSuite, openPage } from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import {
  addNamedProduct,
  addToCart,
  callApi,
  checkPage,
  fillCard,
  queryApi,
  saveAddressViaApi,
  signUpViaApi,
  soon,
} from '../testing/e2e';

// DESIGN §12 from the shopper's side, with staff acting through the API in their own
// session: a declined card and another one, a partial shipment with its tracking number,
// the rest, delivery, a return and its refund, each step arriving on the open page live.

interface StaffLine {
  orderDetailId: number;
  productId: number;
}

describe('paying, parcels and a return', { timeout: 180_000 }, () => {
  const { stack, browser } = e2eSuite();

  it('declines 4000…0002, pays with 4242, follows two parcels, returns an item and sees the refund', async () => {
    const kettle = await addNamedProduct(stack(), 'Kettle', { onHand: 10, priceCents: 3_000 });
    const mug = await addNamedProduct(stack(), 'Mug', { onHand: 10, priceCents: 1_000 });
    const shopper = await openPage(browser(), stack(), { viewport: 'wide' });
    const { page } = shopper;
    await page.goto('/');
    await signUpViaApi(page, 'Pat Payer');
    await saveAddressViaApi(page);
    await addToCart(page, kettle.id, 2);
    await addToCart(page, mug.id, 1);
    await soon(() => page.getByTestId('cart-count').textContent()).toBe('3');

    // A declined card: the order waits, the reason is said, the stock stays reserved.
    await page.goto('/checkout');
    await soon(() => page.getByLabel('City').inputValue()).toBe('Springfield');
    await fillCard(page, '4000 0000 0000 0002');
    expect(await page.getByLabel('Card number').inputValue()).toBe('4000 0000 0000 0002');
    await page.getByRole('button', { name: 'Place order' }).click();
    const heading = page.getByRole('heading', { level: 1 });
    await expect
      .poll(() => heading.textContent(), { timeout: 30_000, interval: 200 })
      .toBe('Your payment didn’t go through');
    expect(await page.locator('.confirmation-hero').getAttribute('data-tone')).toBe('declined');
    expect(await page.locator('.confirmation-hero p').textContent()).toContain(
      'Your card was declined.',
    );
    expect(await page.getByTestId('order-status').getAttribute('data-status')).toBe('pending');
    const orderId = Number(page.url().split('/').pop());
    await checkPage(page, 'checkout-declined');

    // Another card, on the same page: paid, live.
    await fillCard(page, '4242 4242 4242 4242', '.pay-again');
    await page.getByRole('button', { name: 'Pay now' }).click();
    await expect
      .poll(() => heading.textContent(), { timeout: 30_000, interval: 200 })
      .toBe('Thank you! Your order is placed.');
    expect(await page.getByTestId('order-status').getAttribute('data-status')).toBe('paid');
    await checkPage(page, 'confirmation-paid-again');

    // Staff, in their own session.
    const staff = await openPage(browser(), stack());
    await staff.page.goto('/');
    await callApi(staff.page, 'auth.login', stack().admin);
    const detail = await queryApi<{ lines: StaffLine[] }>(staff.page, 'admin.orders.byId', {
      id: orderId,
    });
    const lineOf = (productId: number) =>
      detail.lines.find((line) => line.productId === productId)!.orderDetailId;

    // The kettles ship first: the open order page shows the parcel and its tracking number.
    await page.goto(`/orders/${orderId}`);
    await page.getByRole('heading', { name: `Order #${orderId}` }).waitFor();
    await callApi(staff.page, 'admin.fulfilment.ship', {
      orderId,
      lines: [{ orderDetailId: lineOf(kettle.id), quantity: 2 }],
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    await soon(() => page.getByTestId('order-status').getAttribute('data-status')).toBe(
      'partially_shipped',
    );
    await soon(() => page.getByTestId('tracking-number').first().textContent()).toBe(
      '1Z999AA10123456784',
    );
    // The first parcel captures the payment.
    await soon(() => page.getByTestId('payment-status').getAttribute('data-status')).toBe('paid');
    await checkPage(page, 'order-partly-shipped');

    // The mug follows, then the order is delivered.
    await callApi(staff.page, 'admin.fulfilment.ship', {
      orderId,
      lines: [{ orderDetailId: lineOf(mug.id), quantity: 1 }],
      carrier: 'DHL',
      trackingNumber: 'JD014600006281234567',
    });
    await soon(() => page.getByTestId('shipment').count()).toBe(2);
    await soon(() => page.getByTestId('order-status').getAttribute('data-status')).toBe('shipped');
    await callApi(staff.page, 'admin.orders.transition', { id: orderId, to: 'delivered' });
    await soon(() => page.getByTestId('order-status').getAttribute('data-status')).toBe(
      'delivered',
    );

    // A return of one kettle, from the order page.
    await page.getByRole('button', { name: 'Return items' }).click();
    await page.locator(`input[name="return-${lineOf(kettle.id)}"]`).fill('1');
    await page.getByLabel('Why are you returning it?').fill('Too big for my kitchen');
    await page.getByRole('button', { name: 'Request return' }).click();
    await soon(() => page.getByTestId('return-status').first().textContent()).toMatch(/^Requested/);
    await checkPage(page, 'order-return-requested');

    // Staff approve it, receive it back on the shelf and refund it: each step live.
    const { items } = await queryApi<{ items: { id: number; orderId: number }[] }>(
      staff.page,
      'admin.returns.list',
      { status: 'requested' },
    );
    const returnId = items.find((item) => item.orderId === orderId)!.id;
    await callApi(staff.page, 'admin.returns.approve', { id: returnId });
    await soon(() => page.getByTestId('return-status').first().textContent()).toMatch(/^Approved/);
    await callApi(staff.page, 'admin.returns.receive', {
      id: returnId,
      lines: [{ orderDetailId: lineOf(kettle.id), quantity: 1, disposition: 'restock' }],
    });
    await soon(() => page.getByTestId('return-status').first().textContent()).toMatch(/^Received/);
    await callApi(staff.page, 'admin.returns.refund', { id: returnId });
    await soon(() => page.getByTestId('refund').first().getAttribute('data-status')).toBe(
      'succeeded',
    );
    expect(await page.getByTestId('refund').first().textContent()).toContain('$30.00');
    await soon(() => page.getByTestId('payment-status').getAttribute('data-status')).toBe(
      'partially_refunded',
    );
    await checkPage(page, 'order-refunded');
    await page.setViewportSize({ width: 390, height: 844 });
    await checkPage(page, 'order-refunded');

    expect(shopper.consoleErrors).toEqual([]);
    await Promise.all([shopper.context.close(), staff.context.close()]);
  });
});

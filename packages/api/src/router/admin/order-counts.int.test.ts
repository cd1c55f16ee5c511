import { placeOrder, transitionOrder } from '@stockpulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { type AdminHarness, openAdminHarness, trpcError } from '../../testing';

let h: AdminHarness;
beforeAll(async () => {
  h = await openAdminHarness();
});
afterAll(() => h.close());

let keys = 0;
async function place(quantity = 1) {
  const productId = await h.world.addProduct({ onHand: 50 });
  const { order } = await placeOrder(h.world.db, {
    customerId: h.customer.id,
    customerName: h.customer.name,
    items: [{ productId, quantity }],
    idempotencyKey: `counts-${++keys}`,
  });
  return order.id;
}
const move = (orderId: number, to: 'paid' | 'shipped' | 'delivered' | 'cancelled') =>
  transitionOrder(h.world.db, { orderId, to, actor: 'test', reason: 'test' });

describe('admin.orders.counts', () => {
  it('counts the orders in each status once the relay has folded their events', async () => {
    const before = await (await h.asAdmin()).admin.orders.counts();
    const ids = await Promise.all([place(), place(), place(), place(), place()]);
    await move(ids[0]!, 'paid');
    await move(ids[1]!, 'paid');
    await move(ids[1]!, 'shipped');
    await move(ids[2]!, 'cancelled');
    await move(ids[3]!, 'paid');
    await move(ids[3]!, 'shipped');
    await move(ids[3]!, 'delivered');
    // Not folded yet: the counts are the rollup's, which the relay keeps.
    expect(await (await h.asAdmin()).admin.orders.counts()).toEqual(before);
    await h.drainOutbox();
    const after = await (await h.asAdmin()).admin.orders.counts();
    expect(after).toEqual({
      pending: before.pending + 1,
      paid: before.paid + 1,
      partially_shipped: before.partially_shipped,
      shipped: before.shipped + 1,
      delivered: before.delivered + 1,
      cancelled: before.cancelled + 1,
      all: before.all + 5,
    });
  });

  it('is for administrators only', async () => {
    expect((await trpcError((await h.asCustomer()).admin.orders.counts())).code).toBe('FORBIDDEN');
    expect((await trpcError((await h.asAnonymous()).admin.orders.counts())).code).toBe(
      'UNAUTHORIZED',
    );
  });
});

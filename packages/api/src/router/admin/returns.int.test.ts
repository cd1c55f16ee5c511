import { inTransaction, recordMoneyBack } from '@stockpulse/core';
import { deliveredOrder } from '@stockpulse/core/testing';
import { schema } from '@stockpulse/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, openAdminHarness } from '../../testing';

let harness: AdminHarness;
beforeAll(async () => {
  harness = await openAdminHarness();
});
afterAll(() => harness.close());

describe('returns through the API', () => {
  it('a customer asks, staff approve, receive and refund; the order shows it all', async () => {
    const { world, customer } = harness;
    const productId = await world.addProduct({ onHand: 10, priceCents: 2_000 });
    const { orderId, lines } = await deliveredOrder(world, [{ productId, quantity: 2 }], {
      customer,
    });
    const shopper = await harness.asCustomer();
    const staff = await harness.asAdmin();
    const asked = await shopper.orders.requestReturn({
      orderId,
      lines: [{ orderDetailId: lines[0]!.id, quantity: 2 }],
      reason: 'not as pictured',
    });
    expect(asked.order?.returns).toHaveLength(1);
    expect(asked.order?.lines[0]?.returnableQuantity).toBe(0);
    await expect(
      shopper.orders.requestReturn({
        orderId,
        lines: [{ orderDetailId: lines[0]!.id, quantity: 1 }],
        reason: 'again',
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'RETURN_NOT_ALLOWED', details: { kind: 'already_returned' } },
    });
    await expect(shopper.admin.returns.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const listed = await staff.admin.returns.list({ status: 'requested' });
    const mine = listed.items.find((r) => r.id === asked.returnId);
    expect(mine).toMatchObject({ orderId, customerName: customer.name, requestedCents: 4_000 });
    await staff.admin.returns.approve({ id: asked.returnId });
    await expect(
      staff.admin.returns.reject({ id: asked.returnId, reason: 'late' }),
    ).rejects.toMatchObject({
      cause: { code: 'RETURN_STATE' },
    });
    await staff.admin.returns.receive({
      id: asked.returnId,
      lines: [{ orderDetailId: lines[0]!.id, quantity: 2, disposition: 'restock' }],
    });
    const refunded = await staff.admin.returns.refund({ id: asked.returnId });
    expect(refunded).toMatchObject({ status: 'refunded', amountCents: 4_000 });
    const byId = await staff.admin.returns.byId({ id: asked.returnId });
    expect(byId).toMatchObject({ status: 'refunded', receivedCents: 4_000, refundedCents: 4_000 });
    const order = await shopper.orders.byId({ id: orderId });
    expect(order.returns?.[0]).toMatchObject({
      status: 'refunded',
      lines: [
        { orderDetailId: lines[0]!.id, quantity: 2, restockedQuantity: 2, damagedQuantity: 0 },
      ],
    });
    const [stock] = await world.db
      .select({ onHand: schema.inventory.onHand })
      .from(schema.inventory)
      .where(eq(schema.inventory.productId, productId));
    expect(stock?.onHand).toBe(10);
    // The refund succeeds (what the payments queue will do): the lifetime value is net of it.
    await inTransaction(world.db, async (tx) => {
      await tx
        .update(schema.refunds)
        .set({ status: 'succeeded' })
        .where(eq(schema.refunds.id, refunded.refundId));
      await tx
        .update(schema.payments)
        .set({ refundedCents: 4_000 })
        .where(eq(schema.payments.orderId, orderId));
      await recordMoneyBack(tx, 4_000, new Date());
    });
    const profile = await staff.admin.customers.byId({ id: customer.id });
    const gross = (
      await world.db
        .select({ t: schema.orders.totalCents })
        .from(schema.orders)
        .where(eq(schema.orders.customerId, customer.id))
    ).reduce((s, r) => s + r.t, 0);
    expect(profile.lifetimeValueCents).toBe(gross - 4_000);
    const outbox = await harness.drainOutbox();
    expect(outbox.filter((row) => row.topic === 'order:activity').length).toBeGreaterThanOrEqual(5);
    await harness.expectInvariants();
  });

  it("keeps the window (RETURN_WINDOW_DAYS, 30 by default) and another customer's order NOT_FOUND", async () => {
    const { world, customer } = harness;
    const productId = await world.addProduct({ onHand: 10 });
    const old = await deliveredOrder(world, [{ productId, quantity: 1 }], {
      customer,
      deliveredDaysAgo: 31,
    });
    const shopper = await harness.asCustomer();
    await expect(
      shopper.orders.requestReturn({
        orderId: old.orderId,
        lines: [{ orderDetailId: old.lines[0]!.id, quantity: 1 }],
        reason: 'late',
      }),
    ).rejects.toMatchObject({ cause: { code: 'RETURN_NOT_ALLOWED', details: { kind: 'window' } } });
    const theirs = await deliveredOrder(world, [{ productId, quantity: 1 }]);
    await expect(
      shopper.orders.requestReturn({
        orderId: theirs.orderId,
        lines: [{ orderDetailId: theirs.lines[0]!.id, quantity: 1 }],
        reason: 'not mine',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      shopper.orders.requestReturn({ orderId: old.orderId, lines: [], reason: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

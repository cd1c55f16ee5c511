import { rebuildRollups, schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { paymentStatusOf } from '@stockpulse/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { statsOf } from '../customers/stats';
import { inTransaction } from '../db/transaction';
import { cancelLines } from '../fulfilment/cancel-lines';
import { placeOrder } from '../orders/placement';
import { transitionOrder } from '../orders/transition';
import { deliveredOrder } from '../testing/delivered';
import { drainOutbox } from '../testing/drain';
import { openWorld, type World } from '../testing/world';
import { HOUR_MS } from './buckets';
import { recordMoneyBack } from './money-back';
import { salesSummary } from './sales';

let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url);
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

const aroundNow = () => {
  const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  return { from: new Date(hour - HOUR_MS), to: new Date(hour + 2 * HOUR_MS) };
};

/** A refund the provider confirmed, counted as the payments queue counts it. */
async function succeededRefund(orderId: number, amountCents: number) {
  const [payment] = await world.db
    .select({ id: schema.payments.id })
    .from(schema.payments)
    .where(eq(schema.payments.orderId, orderId));
  await inTransaction(world.db, async (tx) => {
    const now = new Date();
    await tx.insert(schema.refunds).values({
      orderId,
      paymentId: payment!.id,
      amountCents,
      reason: 'test',
      actor: 'admin:1',
      status: 'succeeded',
      createdAt: now,
      updatedAt: now,
    });
    const [captured] = await tx
      .update(schema.payments)
      .set({ refundedCents: amountCents })
      .where(eq(schema.payments.id, payment!.id))
      .then(async () =>
        tx
          .select({ capturedCents: schema.payments.capturedCents })
          .from(schema.payments)
          .where(eq(schema.payments.id, payment!.id)),
      );
    await tx
      .update(schema.orders)
      .set({
        paymentStatus: paymentStatusOf({
          status: 'captured',
          capturedCents: captured!.capturedCents,
          refundedCents: amountCents,
        }),
      })
      .where(eq(schema.orders.id, orderId));
    await recordMoneyBack(tx, amountCents, now);
  });
}

describe('sales net of refunds', () => {
  it('totals and series gain refundsCents and netRevenueCents, from the rollup and raw edges, and survive a rebuild', async () => {
    const productId = await world.addProduct({ onHand: 50, priceCents: 1_000 });
    const a = await deliveredOrder(world, [{ productId, quantity: 3 }]);
    const b = await deliveredOrder(world, [{ productId, quantity: 2 }], { customer: a.customer });
    await drainOutbox(world.db);
    await succeededRefund(a.orderId, 1_200);
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const whole = { from: new Date(hour - HOUR_MS), to: new Date(hour + 2 * HOUR_MS) };
    const summary = await salesSummary(world.db, { ...whole, bucket: 'hour' });
    expect(summary.totals).toMatchObject({
      revenueCents: 5_000,
      refundsCents: 1_200,
      netRevenueCents: 3_800,
    });
    const point = summary.series.find((p) => p.bucketStart.getTime() === hour);
    expect(point).toMatchObject({
      revenueCents: 5_000,
      refundsCents: 1_200,
      netRevenueCents: 3_800,
    });
    expect(summary.series[0]).toMatchObject({ refundsCents: 0, netRevenueCents: 0 });

    // Under an hour: read raw, the refund from `refunds`.
    const raw = await salesSummary(world.db, {
      from: new Date(Date.now() - 10 * 60_000),
      to: new Date(Date.now() + 60_000),
      bucket: 'hour',
    });
    expect(raw.totals).toMatchObject({
      revenueCents: 5_000,
      refundsCents: 1_200,
      netRevenueCents: 3_800,
    });

    // The customer's lifetime value is net of it.
    const stats = await statsOf(world.db, [a.customer.id]);
    expect(stats.get(a.customer.id)?.lifetimeValueCents).toBe(5_000 - 1_200);
    expect(b.orderId).toBeGreaterThan(a.orderId);

    expect(await world.violations()).toEqual([]);
    const before = await world.db.select().from(schema.refundRollup);
    await rebuildRollups(world.pool);
    const after = await world.db.select().from(schema.refundRollup);
    expect(after.sort((x, y) => x.grain.localeCompare(y.grain))).toEqual(
      before.sort((x, y) => x.grain.localeCompare(y.grain)),
    );
    expect(await world.violations()).toEqual([]);
  });

  it('rebuilds a line cancelled before capture as its cancelled units at its order’s time', async () => {
    const productId = await world.addProduct({ onHand: 10, priceCents: 700 });
    const customer = await world.addCustomer();
    const { order } = await placeOrder(world.db, {
      customerId: customer.id,
      customerName: customer.name,
      items: [{ productId, quantity: 3 }],
      idempotencyKey: `net-cancel-${Date.now()}`,
    });
    await transitionOrder(world.db, { orderId: order.id, to: 'paid', actor: 'admin:1' });
    await drainOutbox(world.db);
    const before = await salesSummary(world.db, { ...aroundNow(), bucket: 'hour' });
    const [line] = await world.db
      .select({ id: schema.orderDetails.id })
      .from(schema.orderDetails)
      .where(eq(schema.orderDetails.orderId, order.id));
    await cancelLines(world.db, {
      orderId: order.id,
      lines: [{ orderDetailId: line!.id, quantity: 1 }],
      reason: 'customer asked',
      actor: 'admin:1',
    });
    await drainOutbox(world.db);
    const after = await salesSummary(world.db, { ...aroundNow(), bucket: 'hour' });
    expect(after.totals.refundsCents - before.totals.refundsCents).toBe(700);
    const live = await world.db.select().from(schema.refundRollup);
    await rebuildRollups(world.pool);
    const rebuilt = await world.db.select().from(schema.refundRollup);
    const cents = (rows: typeof live) =>
      rows.filter((r) => r.grain === 'hour').reduce((sum, r) => sum + r.refundedCents, 0);
    expect(cents(rebuilt)).toBe(cents(live));
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('takes an order’s money back out again when the order is cancelled: gross drops it whole', async () => {
    const productId = await world.addProduct({ onHand: 10, priceCents: 500 });
    const customer = await world.addCustomer();
    const { order } = await placeOrder(world.db, {
      customerId: customer.id,
      customerName: customer.name,
      items: [{ productId, quantity: 4 }],
      idempotencyKey: `net-reverse-${Date.now()}`,
    });
    await transitionOrder(world.db, { orderId: order.id, to: 'paid', actor: 'admin:1' });
    await drainOutbox(world.db);
    const [line] = await world.db
      .select({ id: schema.orderDetails.id })
      .from(schema.orderDetails)
      .where(eq(schema.orderDetails.orderId, order.id));
    const before = await salesSummary(world.db, { ...aroundNow(), bucket: 'hour' });

    // One unit cancelled before capture: $5 back, the order still counts.
    await cancelLines(world.db, {
      orderId: order.id,
      lines: [{ orderDetailId: line!.id, quantity: 1 }],
      reason: 'customer asked',
      actor: 'admin:1',
    });
    await drainOutbox(world.db);
    const partly = await salesSummary(world.db, { ...aroundNow(), bucket: 'hour' });
    expect(partly.totals.revenueCents - before.totals.revenueCents).toBe(0);
    expect(partly.totals.refundsCents - before.totals.refundsCents).toBe(500);

    // The whole order cancelled: its $20 leaves gross, so the $5 leaves the refunds.
    await transitionOrder(world.db, { orderId: order.id, to: 'cancelled', actor: 'admin:1' });
    await drainOutbox(world.db);
    const after = await salesSummary(world.db, { ...aroundNow(), bucket: 'hour' });
    expect(after.totals.revenueCents - before.totals.revenueCents).toBe(-2_000);
    expect(after.totals.refundsCents - before.totals.refundsCents).toBe(0);
    expect(await world.violations()).toEqual([]);
    const live = await world.db.select().from(schema.refundRollup);
    await rebuildRollups(world.pool);
    const cents = (rows: typeof live) =>
      rows.filter((r) => r.grain === 'hour').reduce((sum, r) => sum + r.refundedCents, 0);
    expect(cents(await world.db.select().from(schema.refundRollup))).toBe(cents(live));
  });

  it('the rollup check sees money back that was never counted, and a day that is not its hours', async () => {
    const productId = await world.addProduct({ onHand: 10, priceCents: 1_000 });
    const order = await deliveredOrder(world, [{ productId, quantity: 1 }]);
    await drainOutbox(world.db);
    const [payment] = await world.db
      .select({ id: schema.payments.id })
      .from(schema.payments)
      .where(eq(schema.payments.orderId, order.orderId));
    await world.db.insert(schema.refunds).values({
      orderId: order.orderId,
      paymentId: payment!.id,
      amountCents: 300,
      reason: 'uncounted',
      actor: 'admin:1',
      status: 'succeeded',
    });
    // The payment says so too (invariants 12, 13): only the rollup missed it.
    await world.db
      .update(schema.payments)
      .set({ refundedCents: 300 })
      .where(eq(schema.payments.id, payment!.id));
    await world.db
      .update(schema.orders)
      .set({ paymentStatus: 'partially_refunded' })
      .where(eq(schema.orders.id, order.orderId));
    const found = await world.violations();
    expect(found.map((v) => [v.invariant, v.detail])).toEqual([
      [8, expect.stringContaining('refund_rollup holds')],
    ]);
    await world.db.execute(
      sql`UPDATE refund_rollup SET refunded_cents = refunded_cents + 300 WHERE grain = 'hour'`,
    );
    const days = await world.violations();
    expect(days.map((v) => v.detail)).toEqual(
      expect.arrayContaining([expect.stringContaining('its hours add up to')]),
    );
    await rebuildRollups(world.pool);
    expect(await world.violations()).toEqual([]);
  });
});

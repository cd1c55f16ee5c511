import { rebuildRollups, schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { statsOf } from '../customers/stats';
import { inTransaction } from '../db/transaction';
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
    await tx
      .update(schema.payments)
      .set({ refundedCents: amountCents })
      .where(eq(schema.payments.id, payment!.id));
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
    // What cancelLines does for an authorized, uncaptured order (shipments, DESIGN §12).
    await inTransaction(world.db, async (tx) => {
      await tx.execute(
        sql`UPDATE order_details SET cancelled_quantity = 1 WHERE order_id = ${order.id}`,
      );
      await tx.execute(
        sql`UPDATE order_allocations a JOIN order_details d ON d.id = a.order_detail_id
            SET a.cancelled_quantity = 1 WHERE d.order_id = ${order.id}`,
      );
      await tx
        .update(schema.orders)
        .set({ updatedAt: new Date() })
        .where(eq(schema.orders.id, order.id));
      await recordMoneyBack(tx, 700, new Date(), 0);
    });
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

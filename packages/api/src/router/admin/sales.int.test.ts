import { placeOrder, transitionOrder } from '@stockpulse/core';
import { schema } from '@stockpulse/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { type AdminHarness, expectRefused, openAdminHarness } from '../../testing';

let h: AdminHarness;
const sales = async () => (await h.asAdmin()).admin.sales;

const utc = (day: number, hour = 0, minute = 0, ms = 0) =>
  new Date(Date.UTC(2026, 0, day, hour, minute, 0, ms));

let lamp: number;
let cup: number;

let keys = 0;
async function order(
  items: { productId: number; quantity: number }[],
  path: ('paid' | 'shipped' | 'delivered' | 'cancelled')[],
  at: Date,
) {
  const { order } = await placeOrder(h.world.db, {
    customerId: h.customer.id,
    customerName: h.customer.name,
    items,
    idempotencyKey: `sales-${++keys}`,
  });
  for (const to of path) {
    await transitionOrder(h.world.db, { orderId: order.id, to, actor: 'test', reason: 'test' });
  }
  await h.world.db
    .update(schema.orders)
    .set({ createdAt: at })
    .where(eq(schema.orders.id, order.id));
}

// The fixture, by hand (revenue counts paid, shipped and delivered; [from, to) in UTC):
//   Jan 1 10:15  lamp×2 = 2000  delivered   day 1, hour 10
//   Jan 1 23:59:59.999  cup×4 = 1000  paid  day 1, hour 23
//   Jan 2 12:00  lamp×5 = 5000  cancelled   not revenue; cancelled count 1
//   Jan 2 13:00  lamp×1 = 1000  pending     not revenue, not cancelled
//   Jan 3 00:00  lamp×1 + cup×2 = 1500  shipped   day 3
//   Jan 4 00:00  cup×1 = 250  delivered     outside [Jan 1, Jan 4)
beforeAll(async () => {
  h = await openAdminHarness();
  lamp = await h.world.addProduct({ priceCents: 1_000, name: 'Lamp' });
  cup = await h.world.addProduct({ priceCents: 250, name: 'Cup' });
  await order([{ productId: lamp, quantity: 2 }], ['paid', 'shipped', 'delivered'], utc(1, 10, 15));
  await order([{ productId: cup, quantity: 4 }], ['paid'], new Date(utc(2).getTime() - 1));
  await order([{ productId: lamp, quantity: 5 }], ['cancelled'], utc(2, 12));
  await order([{ productId: lamp, quantity: 1 }], [], utc(2, 13));
  await order(
    [
      { productId: lamp, quantity: 1 },
      { productId: cup, quantity: 2 },
    ],
    ['paid', 'shipped'],
    utc(3),
  );
  await order([{ productId: cup, quantity: 1 }], ['paid', 'shipped', 'delivered'], utc(4));
  await h.drainOutbox();
});
afterAll(() => h.close());

const zero = (bucketStart: Date) => ({
  bucketStart,
  orders: 0,
  revenueCents: 0,
  units: 0,
  refundsCents: 0,
  netRevenueCents: 0,
});
/** No refunds in the fixture: net is gross. */
const net = (revenueCents: number) => ({ refundsCents: 0, netRevenueCents: revenueCents });

describe('admin.sales.summary', () => {
  it('answers totals, a zero-filled daily series and the top products, matching the fixture', async () => {
    const summary = await (await sales()).summary({ from: utc(1), to: utc(4), bucket: 'day' });
    expect(summary.totals).toEqual({
      orders: 3,
      revenueCents: 4_500,
      units: 9,
      averageOrderCents: 1_500,
      cancelledOrders: 1,
      refundsCents: 0,
      netRevenueCents: 4_500,
    });
    expect(summary.series).toEqual([
      { bucketStart: utc(1), orders: 2, revenueCents: 3_000, units: 6, ...net(3_000) },
      zero(utc(2)),
      { bucketStart: utc(3), orders: 1, revenueCents: 1_500, units: 3, ...net(1_500) },
    ]);
    expect(summary.topProducts).toEqual([
      { productId: lamp, sku: expect.any(String), name: 'Lamp', units: 3, revenueCents: 3_000 },
      { productId: cup, sku: expect.any(String), name: 'Cup', units: 6, revenueCents: 1_500 },
    ]);
  });

  it('fills every hour, starting from the hour holding `from`', async () => {
    const summary = await (await sales()).summary({
      from: utc(1, 9, 30),
      to: utc(1, 12),
      bucket: 'hour',
    });
    expect(summary.series).toEqual([
      zero(utc(1, 9)),
      { bucketStart: utc(1, 10), orders: 1, revenueCents: 2_000, units: 2, ...net(2_000) },
      zero(utc(1, 11)),
    ]);
    const day = await (await sales()).summary({ from: utc(1), to: utc(2), bucket: 'hour' });
    expect(day.series).toHaveLength(24);
    expect(day.series.filter((b) => b.orders > 0).map((b) => b.bucketStart)).toEqual([
      utc(1, 10),
      utc(1, 23),
    ]);
  });

  it('zero-fills an empty range, and takes ISO strings as well as Dates', async () => {
    const { summary } = await sales();
    const empty = await summary({
      from: '2025-06-01T00:00:00Z',
      to: '2025-06-08T00:00:00Z',
      bucket: 'day',
    });
    expect(empty.series).toHaveLength(7);
    expect(empty.series.every((b) => b.orders === 0 && b.revenueCents === 0)).toBe(true);
    expect(empty.totals).toMatchObject({ orders: 0, revenueCents: 0, averageOrderCents: 0 });
    expect(empty.topProducts).toEqual([]);
    const top1 = await summary({ from: utc(1), to: utc(4), bucket: 'day', top: 1 });
    expect(top1.topProducts.map((p) => p.productId)).toEqual([lamp]);
  });

  it('accepts the longest ranges and refuses longer ones, empty and reversed ones, with BAD_REQUEST', async () => {
    const { summary } = await sales();
    const day = 86_400_000;
    const hourly = await summary({
      from: utc(1),
      to: new Date(utc(1).getTime() + 31 * day),
      bucket: 'hour',
    });
    expect(hourly.series).toHaveLength(31 * 24);
    const daily = await summary({
      from: utc(1),
      to: new Date(utc(1).getTime() + 731 * day),
      bucket: 'day',
    });
    expect(daily.series).toHaveLength(731);
    await expectRefused(h, summary, [
      { from: utc(1), to: new Date(utc(1).getTime() + 31 * day + 1), bucket: 'hour' },
      { from: utc(1), to: new Date(utc(1).getTime() + 732 * day), bucket: 'day' },
      { from: utc(2), to: utc(2), bucket: 'day' },
      { from: utc(3), to: utc(2), bucket: 'day' },
      { from: utc(1), to: utc(2), bucket: 'week' },
      { from: utc(1), to: utc(2) },
      { from: 'yesterday', to: utc(2), bucket: 'day' },
      { from: 1_767_225_600_000, to: utc(2), bucket: 'day' },
      { from: new Date('nope'), to: utc(2), bucket: 'day' },
      { from: new Date(Date.UTC(1970, 0, 1)), to: utc(2), bucket: 'day' },
      { from: utc(1), to: utc(2), bucket: 'day', top: 0 },
      { from: utc(1), to: utc(2), bucket: 'day', top: 51 },
      { from: utc(1), to: utc(2), bucket: 'day', timezone: 'Europe/Paris' },
    ]);
    const error = await summary({ from: utc(1), to: utc(1, 0, 0, 0), bucket: 'day' }).catch(
      (e) => e,
    );
    expect(error.message).toMatch(/`to` must be after `from`/);
    const long = await summary({
      from: utc(1),
      to: new Date(utc(1).getTime() + 40 * day),
      bucket: 'hour',
    }).catch((e) => e);
    expect(long.message).toMatch(/at most 31 days with hour buckets/);
  });
});

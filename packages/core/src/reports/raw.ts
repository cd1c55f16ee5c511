import { type Database, schema } from '@stockpulse/db';
import type { ProductRollupGrain } from '@stockpulse/db/schema';
import { REVENUE_STATUSES } from '@stockpulse/shared';
import { and, eq, gte, inArray, lt, or } from 'drizzle-orm';
import { nextStart, type Segment } from './buckets';
import type { StatusSums } from './sales';

/** Adjacent whole-bucket segments of one grain merged into [from, to) runs (≤ 5 for any range). */
export function grainRuns(segments: Segment[]) {
  const runs: { grain: ProductRollupGrain; from: Date; to: Date }[] = [];
  for (const segment of segments) {
    if (segment.kind !== 'bucket') continue;
    const end = nextStart(segment.grain, segment.start);
    const last = runs.at(-1);
    if (last && last.grain === segment.grain && last.to.getTime() === segment.start.getTime()) {
      last.to = end;
    } else {
      runs.push({ grain: segment.grain, from: segment.start, to: end });
    }
  }
  return runs;
}

type RawSlice = Extract<Segment, { kind: 'raw' }>;

const inSlices = (slices: RawSlice[]) =>
  or(
    ...slices.map((s) =>
      and(gte(schema.orders.createdAt, s.from), lt(schema.orders.createdAt, s.to)),
    ),
  );

/**
 * The orders of slices shorter than an hour (the ends of a range that is not on whole
 * hours), read row by row through `orders (created_at)` and added up here: a GROUP BY
 * would make MariaDB build a temporary table over `orders`.
 */
export async function rawSales(db: Database, slices: RawSlice[]): Promise<StatusSums[]> {
  if (slices.length === 0) return [];
  const { orders } = schema;
  const rows = await db
    .select({
      at: orders.createdAt,
      status: orders.status,
      totalCents: orders.totalCents,
      itemCount: orders.itemCount,
    })
    .from(orders)
    .where(inSlices(slices));
  return rows.map((row) => ({
    at: row.at,
    status: row.status,
    orders: 1,
    revenueCents: row.totalCents,
    units: row.itemCount,
  }));
}

/** Units and revenue per product of the revenue orders in the slices. */
export async function rawProductSales(db: Database, slices: RawSlice[]) {
  const totals = new Map<number, { units: number; revenueCents: number }>();
  if (slices.length === 0) return totals;
  const { orders, orderDetails } = schema;
  const rows = await db
    .select({
      productId: orderDetails.productId,
      quantity: orderDetails.quantity,
      unitPriceCents: orderDetails.unitPriceCents,
    })
    .from(orders)
    .innerJoin(orderDetails, eq(orderDetails.orderId, orders.id))
    .where(and(inSlices(slices), inArray(orders.status, [...REVENUE_STATUSES])));
  for (const row of rows) {
    const sums = totals.get(row.productId) ?? { units: 0, revenueCents: 0 };
    sums.units += row.quantity;
    sums.revenueCents += row.quantity * row.unitPriceCents;
    totals.set(row.productId, sums);
  }
  return totals;
}

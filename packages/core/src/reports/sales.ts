import {
  type Database,
  type SalesBucket,
  type SalesSeriesRow,
  type SalesTotals,
  schema,
  type TopProductRow,
} from '@stockpulse/db';
import { isRevenueStatus, type OrderStatus } from '@stockpulse/shared';
import { and, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { DAY_MS, HOUR_MS, type Segment, segmentsOf, startOf } from './buckets';
import { grainRuns, rawSales } from './raw';
import { topProducts } from './top-products';

export const BUCKET_MS: Record<SalesBucket, number> = { hour: HOUR_MS, day: DAY_MS };

/** The longest range each bucket may span: 744 hourly or 731 daily points at most. */
export const MAX_SALES_RANGE_MS: Record<SalesBucket, number> = {
  hour: 31 * DAY_MS,
  day: 731 * DAY_MS,
};

/**
 * Sales gross and net of refunds (DESIGN §12): `refundsCents` is the money given back in
 * the range (refund_rollup: refunds that succeeded, and lines cancelled before capture),
 * `netRevenueCents` = revenueCents − refundsCents. A refund is counted when it succeeded,
 * not when its order was placed, so a range's net may be below zero.
 */
export interface NetFigures {
  refundsCents: number;
  netRevenueCents: number;
}
export type NetSalesTotals = SalesTotals & NetFigures;
export type NetSalesSeriesRow = SalesSeriesRow & NetFigures;

export interface SalesSummary {
  from: Date;
  to: Date;
  bucket: SalesBucket;
  totals: NetSalesTotals;
  /** Every bucket from the one holding `from` up to `to`, empty ones as zeros (UTC). */
  series: NetSalesSeriesRow[];
  topProducts: TopProductRow[];
}

/** The UTC start of the hour or day holding `at`. */
export function bucketStart(at: Date, bucket: SalesBucket): Date {
  return startOf(bucket, at);
}

/**
 * `rows` (the non-empty buckets) with a zero row for every empty bucket between the one
 * holding `from` and `to` (exclusive).
 */
export function zeroFill(
  rows: NetSalesSeriesRow[],
  from: Date,
  to: Date,
  bucket: SalesBucket,
): NetSalesSeriesRow[] {
  const byStart = new Map(rows.map((row) => [row.bucketStart.getTime(), row]));
  const series: NetSalesSeriesRow[] = [];
  const size = BUCKET_MS[bucket];
  for (let t = bucketStart(from, bucket).getTime(); t < to.getTime(); t += size) {
    series.push(
      byStart.get(t) ?? {
        bucketStart: new Date(t),
        orders: 0,
        revenueCents: 0,
        units: 0,
        refundsCents: 0,
        netRevenueCents: 0,
      },
    );
  }
  return series;
}

/**
 * Money given back per stretch of time: `refund_rollup` rows of the whole-bucket segments,
 * and for the raw slices (under an hour, at the ends) the refunds that succeeded in them,
 * read from `refunds` by `updated_at` (when they became `succeeded`; `created_at <` the
 * slice's end bounds the index range). Lines cancelled before capture are in the rollup
 * only: a raw slice leaves them out (they have no row of their own to read).
 */
async function refundSums(db: Database, segments: Segment[]) {
  const { refundRollup: r, refunds } = schema;
  const runs = grainRuns(segments).map(
    (run): SQL =>
      and(
        eq(r.grain, run.grain as 'hour' | 'day'),
        gte(r.bucketStart, run.from),
        lt(r.bucketStart, run.to),
      )!,
  );
  const slices = segments.filter((s) => s.kind === 'raw');
  const [rolled, raw] = await Promise.all([
    runs.length
      ? db
          .select({ at: r.bucketStart, cents: r.refundedCents })
          .from(r)
          .where(or(...runs))
      : [],
    slices.length
      ? db
          .select({ at: refunds.updatedAt, cents: refunds.amountCents })
          .from(refunds)
          .where(
            or(
              ...slices.map((s) =>
                and(
                  eq(refunds.status, 'succeeded'),
                  lt(refunds.createdAt, s.to),
                  gte(refunds.updatedAt, s.from),
                  lt(refunds.updatedAt, s.to),
                ),
              ),
            ),
          )
      : [],
  ]);
  return [...rolled, ...raw];
}

/** Orders, revenue and units of one status in one stretch of time. */
export interface StatusSums {
  at: Date;
  status: OrderStatus;
  orders: number;
  revenueCents: number;
  units: number;
}

/** The rollup rows of the whole-bucket segments, then the raw slices read from `orders`. */
async function statusSums(db: Database, segments: Segment[]): Promise<StatusSums[]> {
  const { salesRollup: r } = schema;
  const runs = grainRuns(segments).map(
    (run): SQL =>
      and(
        eq(r.grain, run.grain as 'hour' | 'day'),
        gte(r.bucketStart, run.from),
        lt(r.bucketStart, run.to),
      )!,
  );
  const rolled = runs.length
    ? await db
        .select({
          at: r.bucketStart,
          status: r.status,
          orders: r.orders,
          revenueCents: r.revenueCents,
          units: r.units,
        })
        .from(r)
        .where(or(...runs))
    : [];
  const raw = await rawSales(
    db,
    segments.filter((s) => s.kind === 'raw'),
  );
  return [...rolled, ...raw];
}

/**
 * The admin console's sales over [from, to), from the rollups (DESIGN §10): whole months,
 * days and hours from `sales_rollup` and `product_sales_rollup`, and only the minutes
 * before the first whole hour and after the last one from `orders`. Revenue counts the
 * orders placed in the range that are paid, shipped or delivered now. The caller bounds
 * the range (`MAX_SALES_RANGE_MS`).
 */
export async function salesSummary(
  db: Database,
  input: { from: Date; to: Date; bucket: SalesBucket; top?: number },
): Promise<SalesSummary> {
  const { from, to, bucket } = input;
  const grains = bucket === 'hour' ? (['hour'] as const) : (['day', 'hour'] as const);
  const segments = segmentsOf(from, to, grains);
  const [sums, refunds, top] = await Promise.all([
    statusSums(db, segments),
    refundSums(db, segments),
    topProducts(db, from, to, input.top ?? 10),
  ]);

  const points = new Map<number, NetSalesSeriesRow>();
  const totals: NetSalesTotals = {
    orders: 0,
    revenueCents: 0,
    units: 0,
    averageOrderCents: 0,
    cancelledOrders: 0,
    refundsCents: 0,
    netRevenueCents: 0,
  };
  const pointAt = (at: Date) => {
    const start = bucketStart(at, bucket).getTime();
    const point = points.get(start) ?? {
      bucketStart: new Date(start),
      orders: 0,
      revenueCents: 0,
      units: 0,
      refundsCents: 0,
      netRevenueCents: 0,
    };
    points.set(start, point);
    return point;
  };
  for (const row of sums) {
    if (row.status === 'cancelled') totals.cancelledOrders += row.orders;
    if (!isRevenueStatus(row.status) || row.orders === 0) continue;
    const point = pointAt(row.at);
    point.orders += row.orders;
    point.revenueCents += row.revenueCents;
    point.units += row.units;
    totals.orders += row.orders;
    totals.revenueCents += row.revenueCents;
    totals.units += row.units;
  }
  for (const row of refunds) {
    if (row.cents === 0) continue;
    pointAt(row.at).refundsCents += row.cents;
    totals.refundsCents += row.cents;
  }
  for (const point of points.values())
    point.netRevenueCents = point.revenueCents - point.refundsCents;
  totals.netRevenueCents = totals.revenueCents - totals.refundsCents;
  totals.averageOrderCents = totals.orders ? Math.round(totals.revenueCents / totals.orders) : 0;
  return {
    from,
    to,
    bucket,
    totals,
    series: zeroFill([...points.values()], from, to, bucket),
    topProducts: top,
  };
}

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

export interface SalesSummary {
  from: Date;
  to: Date;
  bucket: SalesBucket;
  totals: SalesTotals;
  /** Every bucket from the one holding `from` up to `to`, empty ones as zeros (UTC). */
  series: SalesSeriesRow[];
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
  rows: SalesSeriesRow[],
  from: Date,
  to: Date,
  bucket: SalesBucket,
): SalesSeriesRow[] {
  const byStart = new Map(rows.map((row) => [row.bucketStart.getTime(), row]));
  const series: SalesSeriesRow[] = [];
  const size = BUCKET_MS[bucket];
  for (let t = bucketStart(from, bucket).getTime(); t < to.getTime(); t += size) {
    series.push(
      byStart.get(t) ?? { bucketStart: new Date(t), orders: 0, revenueCents: 0, units: 0 },
    );
  }
  return series;
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
  const [sums, top] = await Promise.all([
    statusSums(db, segmentsOf(from, to, grains)),
    topProducts(db, from, to, input.top ?? 10),
  ]);

  const points = new Map<number, SalesSeriesRow>();
  const totals: SalesTotals = {
    orders: 0,
    revenueCents: 0,
    units: 0,
    averageOrderCents: 0,
    cancelledOrders: 0,
  };
  for (const row of sums) {
    if (row.status === 'cancelled') totals.cancelledOrders += row.orders;
    if (!isRevenueStatus(row.status) || row.orders === 0) continue;
    const start = bucketStart(row.at, bucket).getTime();
    const point = points.get(start) ?? {
      bucketStart: new Date(start),
      orders: 0,
      revenueCents: 0,
      units: 0,
    };
    point.orders += row.orders;
    point.revenueCents += row.revenueCents;
    point.units += row.units;
    points.set(start, point);
    totals.orders += row.orders;
    totals.revenueCents += row.revenueCents;
    totals.units += row.units;
  }
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

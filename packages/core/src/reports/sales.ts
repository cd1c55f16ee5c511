import {
  callSalesReport,
  type Database,
  type SalesBucket,
  type SalesSeriesRow,
  type SalesTotals,
  type TopProductRow,
} from '@stockpulse/db';
import { poolOf } from '../stock-admin/check';

export const BUCKET_MS: Record<SalesBucket, number> = { hour: 3_600_000, day: 86_400_000 };

/** The longest range each bucket may span: 744 hourly or 731 daily points at most. */
export const MAX_SALES_RANGE_MS: Record<SalesBucket, number> = {
  hour: 31 * BUCKET_MS.day,
  day: 731 * BUCKET_MS.day,
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

/** The UTC start of the hour or day holding `at` (days in UTC have no DST: 24 h each). */
export function bucketStart(at: Date, bucket: SalesBucket): Date {
  const size = BUCKET_MS[bucket];
  return new Date(Math.floor(at.getTime() / size) * size);
}

/**
 * `rows` (the non-empty buckets, as `sales_report` answers them) with a zero row for
 * every empty bucket between the one holding `from` and `to` (exclusive).
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

/**
 * The admin console's sales over [from, to): the `sales_report` stored procedure, its
 * series zero-filled here (MySQL caps recursive CTEs at 1,000 rows by default). The
 * caller bounds the range (`MAX_SALES_RANGE_MS`).
 */
export async function salesSummary(
  db: Database,
  input: { from: Date; to: Date; bucket: SalesBucket; top?: number },
): Promise<SalesSummary> {
  const report = await callSalesReport(poolOf(db), { ...input, top: input.top ?? 10 });
  return {
    from: input.from,
    to: input.to,
    bucket: input.bucket,
    totals: report.totals,
    series: zeroFill(report.series, input.from, input.to, input.bucket),
    topProducts: report.topProducts,
  };
}

import type { ProductRollupGrain } from '@stockpulse/db/schema';

/** Bucket arithmetic of the rollups, all in UTC (days in UTC have no DST: 24 h each). */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The UTC start of the hour, day or month holding `at`. */
export function startOf(grain: ProductRollupGrain, at: Date | number): Date {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (grain === 'hour') return new Date(Math.floor(ms / HOUR_MS) * HOUR_MS);
  if (grain === 'day') return new Date(Math.floor(ms / DAY_MS) * DAY_MS);
  const day = new Date(ms);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
}

/** The start of the bucket after the one that starts at `start`. */
export function nextStart(grain: ProductRollupGrain, start: Date): Date {
  if (grain === 'hour') return new Date(start.getTime() + HOUR_MS);
  if (grain === 'day') return new Date(start.getTime() + DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** A piece of a time range: a whole bucket of a rollup, or raw time read from `orders`. */
export type Segment =
  | { kind: 'bucket'; grain: ProductRollupGrain; start: Date }
  | { kind: 'raw'; from: Date; to: Date };

/**
 * [from, to) cut into the fewest whole buckets, coarsest first where they fit (months,
 * then days, then hours), plus at most two raw slices shorter than an hour at the ends
 * when `from` or `to` is not on a whole hour (a local day in a UTC+5:30 zone). Two years
 * is at most 24 months, 60 days, 46 hours and 2 slices.
 */
export function segmentsOf(
  from: Date,
  to: Date,
  grains: readonly ProductRollupGrain[] = ['month', 'day', 'hour'],
): Segment[] {
  const coarsestFirst = (['month', 'day', 'hour'] as const).filter((g) => grains.includes(g));
  const out: Segment[] = [];
  const end = to.getTime();
  let at = from.getTime();
  const firstHour = Math.ceil(at / HOUR_MS) * HOUR_MS;
  if (firstHour > at) {
    out.push({ kind: 'raw', from: new Date(at), to: new Date(Math.min(firstHour, end)) });
    at = firstHour;
  }
  while (at < end) {
    const grain = coarsestFirst.find((g) => {
      const start = startOf(g, at);
      return start.getTime() === at && nextStart(g, start).getTime() <= end;
    });
    if (!grain) {
      out.push({ kind: 'raw', from: new Date(at), to: new Date(end) });
      break;
    }
    out.push({ kind: 'bucket', grain, start: new Date(at) });
    at = nextStart(grain, new Date(at)).getTime();
  }
  return out;
}

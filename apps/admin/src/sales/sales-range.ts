export type Bucket = 'hour' | 'day';

export const PRESETS = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '365d': 'Last 12 months',
  custom: 'Custom range',
} as const;
export type Preset = keyof typeof PRESETS;

const DAY = 86_400_000;
/** The API's limit: at most 31 days of hourly points (MAX_SALES_RANGE_MS in core). */
export const MAX_HOURLY_DAYS = 31;
/** And of daily points: about two years. */
export const MAX_DAILY_DAYS = 731;

/** Whether the API answers the range at all (daily buckets, its longest span). */
export const withinLimits = (range: { from: Date; to: Date }) =>
  range.to.getTime() - range.from.getTime() <= MAX_DAILY_DAYS * DAY;

const DAYS: Record<Exclude<Preset, 'custom'>, number> = {
  today: 1,
  '7d': 7,
  '30d': 30,
  '90d': 90,
  '365d': 365,
};

/**
 * A preset as the API's [from, to): whole local days ending with today (so the query key
 * is stable all day).
 */
export function presetRange(
  preset: Exclude<Preset, 'custom'>,
  now = new Date(),
): { from: Date; to: Date } {
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const from = new Date(to.getFullYear(), to.getMonth(), to.getDate() - DAYS[preset]);
  return { from, to };
}

/** Hourly for a single day, daily beyond: a week of hours is mostly empty spikes. */
export function defaultBucket(range: { from: Date; to: Date }): Bucket {
  return range.to.getTime() - range.from.getTime() <= DAY ? 'hour' : 'day';
}

/** Hourly buckets only where the API allows them; otherwise the chart falls back to days. */
export function allowedBucket(range: { from: Date; to: Date }, wanted: Bucket): Bucket {
  if (wanted === 'hour' && range.to.getTime() - range.from.getTime() > MAX_HOURLY_DAYS * DAY) {
    return 'day';
  }
  return wanted;
}

/** `YYYY-MM-DD` as a local midnight, or null. */
function localDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const day = new Date(y, m - 1, d);
  return day.getMonth() === m - 1 ? day : null;
}

/** Two date inputs (both days included) as [from, to), or null when they make no range. */
export function customRange(fromText: string, toText: string): { from: Date; to: Date } | null {
  const from = localDay(fromText);
  const last = localDay(toText);
  if (!from || !last || last < from) return null;
  return { from, to: new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1) };
}

/** A Date as the `YYYY-MM-DD` a date input holds (local time). */
export function dayText(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

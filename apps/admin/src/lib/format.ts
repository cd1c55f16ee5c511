/**
 * The console's display helpers. Money is `formatCents` from `@stockpulse/shared/money`;
 * counted nouns come from `@stockpulse/shared/plural`, re-exported here.
 */
export { plural, pluralForm } from '@stockpulse/shared/plural';

const integer = new Intl.NumberFormat('en-US');
export const count = (n: number) => integer.format(n);

const dateTime = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateTimeWithYear = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "Nov 24, 11:14 PM"; the year only when it is not this one. */
export function when(at: Date | string, now = new Date()): string {
  const date = new Date(at);
  return (date.getFullYear() === now.getFullYear() ? dateTime : dateTimeWithYear).format(date);
}

const relative = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });

/**
 * "just now", "3 minutes ago", "2 days ago": for feeds, where the order matters more than
 * the time. Only for the past: a moment the clocks place ahead of `now` (what is left of
 * a skew) is "just now", never "in 2 seconds".
 */
export function ago(at: Date | string, now = Date.now()): string {
  const seconds = Math.min(0, Math.round((new Date(at).getTime() - now) / 1000));
  if (Math.abs(seconds) < 10) return 'just now';
  if (Math.abs(seconds) < 60) return relative.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

/** "order:created" style labels read better with spaces and a capital. */
export const humanize = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1).replaceAll('_', ' ');

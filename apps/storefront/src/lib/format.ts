/**
 * Display helpers. Money is `formatCents` from `@stockpulse/shared/money`, counted nouns
 * from `@stockpulse/shared/plural`: the light entry points, as the shared index would
 * pull zod (~25 KB gzipped) into the first load.
 */
export { plural, pluralForm } from '@stockpulse/shared/plural';

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

export function formatDate(date: Date): string {
  return dateOnly.format(date);
}

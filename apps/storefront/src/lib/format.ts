/**
 * Display helpers. `formatCents` mirrors `@stockpulse/shared`'s: importing the shared
 * index from the home page would pull zod (~25 KB gzipped) into the first load.
 */
export { plural, pluralForm } from '@stockpulse/shared/plural';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

export function formatDate(date: Date): string {
  return dateOnly.format(date);
}

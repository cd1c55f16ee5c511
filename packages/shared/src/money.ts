/**
 * Money is integer cents everywhere; these are the only conversions. Its own entry point
 * (`@stockpulse/shared/money`) so a front's first load gets this without the zod schemas
 * of the package's index.
 */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}

/** Parses "12.34" or "12" into 1234; returns null for anything else. */
export function parseCents(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

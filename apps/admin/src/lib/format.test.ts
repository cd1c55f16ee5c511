import { describe, expect, it } from 'vitest';
import { ago, count, humanize, plural, when } from './format';

describe('formatting', () => {
  // Dollars: formatCents, tested in packages/shared/src/money.test.ts.
  it('counts with separators', () => {
    expect(count(1234567)).toBe('1,234,567');
    expect(plural(1, 'order')).toBe('1 order');
    expect(plural(1200, 'item')).toBe('1,200 items');
  });

  it('says how long ago, coarsely', () => {
    const now = Date.UTC(2026, 10, 24, 12);
    expect(ago(new Date(now - 3_000), now)).toBe('just now');
    expect(ago(new Date(now - 5 * 60_000), now)).toBe('5 minutes ago');
    expect(ago(new Date(now - 3 * 3_600_000), now)).toBe('3 hours ago');
    expect(ago(new Date(now - 26 * 3_600_000), now)).toBe('yesterday');
  });

  it('never puts a past event in the future, whatever is left of a clock skew', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(ago(new Date(now + 17_000), now)).toBe('just now');
    expect(ago(new Date(now + 3 * 60_000), now)).toBe('just now');
  });

  it('leaves the year out of dates in this year only', () => {
    const now = new Date(2026, 10, 24, 12);
    expect(when(new Date(2026, 0, 5, 9, 30), now)).toBe('Jan 5, 09:30 AM');
    expect(when(new Date(2025, 0, 5, 9, 30), now)).toBe('Jan 5, 2025, 09:30 AM');
  });

  it('turns enum values into labels', () => {
    expect(humanize('in_transit')).toBe('In transit');
    expect(humanize('payment_failed')).toBe('Payment failed');
  });
});

import { describe, expect, it } from 'vitest';
import {
  allowedBucket,
  customRange,
  dayText,
  defaultBucket,
  presetRange,
  withinLimits,
} from './sales-range';

describe('sales ranges', () => {
  const now = new Date(2026, 10, 24, 15, 42);

  it('turns a preset into whole local days ending with today', () => {
    expect(presetRange('today', now)).toEqual({
      from: new Date(2026, 10, 24),
      to: new Date(2026, 10, 25),
    });
    expect(presetRange('7d', now).from).toEqual(new Date(2026, 10, 18));
    // Stable all day long: the same query key at 09:00 and at 23:59.
    expect(presetRange('30d', new Date(2026, 10, 24, 23, 59))).toEqual(presetRange('30d', now));
  });

  it('uses hours for a day, days beyond, and never more hours than the API allows', () => {
    expect(defaultBucket(presetRange('today', now))).toBe('hour');
    expect(defaultBucket(presetRange('7d', now))).toBe('day');
    expect(allowedBucket(presetRange('30d', now), 'hour')).toBe('hour');
    expect(allowedBucket(presetRange('90d', now), 'hour')).toBe('day');
    expect(allowedBucket(presetRange('90d', now), 'day')).toBe('day');
  });

  it('reads a custom range with both days included, refusing one that ends before it starts', () => {
    expect(customRange('2026-11-01', '2026-11-03')).toEqual({
      from: new Date(2026, 10, 1),
      to: new Date(2026, 10, 4),
    });
    expect(customRange('2026-11-03', '2026-11-01')).toBeNull();
    expect(customRange('2026-02-30', '2026-03-01')).toBeNull();
    expect(customRange('', '2026-03-01')).toBeNull();
    expect(dayText(new Date(2026, 0, 5, 23))).toBe('2026-01-05');
    expect(withinLimits(customRange('2024-01-01', '2025-12-31')!)).toBe(true);
    expect(withinLimits(customRange('2020-01-01', '2025-12-31')!)).toBe(false);
  });
});

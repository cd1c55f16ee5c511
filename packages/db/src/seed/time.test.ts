import { describe, expect, it } from 'vitest';
import { Rng } from './prng';
import { DAY, sqlTime } from './time';

/** What sqlTime returned before it cached the date part: the reference. */
const viaIso = (ms: number) => {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
};

describe('sqlTime', () => {
  it('formats a UTC DATETIME(3) literal', () => {
    expect(sqlTime(Date.UTC(2025, 2, 1, 18, 4, 5, 123))).toBe('2025-03-01 18:04:05.123');
    expect(sqlTime(Date.UTC(2026, 0, 9, 0, 0, 0, 7))).toBe('2026-01-09 00:00:00.007');
  });

  it('agrees with toISOString on random times, day boundaries and fractions', () => {
    const rng = new Rng(1, 'time-test');
    const base = Date.UTC(2024, 0, 1);
    const times: number[] = [];
    for (let i = 0; i < 20_000; i++) times.push(Math.floor(base + rng.between(0, 800 * DAY)));
    for (let d = 0; d < 40; d++)
      times.push(base + d * DAY, base + d * DAY - 1, base + d * DAY + 0.6);
    for (const ms of times) expect(sqlTime(ms), String(ms)).toBe(viaIso(ms));
  });
});

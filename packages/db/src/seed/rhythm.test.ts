import { describe, expect, it } from 'vitest';
import { Rng } from './prng';
import { scheduleOrders } from './rhythm';
import { DAY, HOUR } from './time';

describe('scheduleOrders', () => {
  const end = Date.UTC(2026, 2, 1, 12);
  const start = end - 90 * DAY;
  const schedule = scheduleOrders(new Rng(42, 'rhythm'), { start, end }, 30_000);
  const hourOf = (slot: number) => new Date(start + slot * HOUR).getUTCHours();
  const sum = (pick: (slot: number) => boolean) =>
    schedule.counts.reduce((total, n, slot) => (pick(slot) ? total + n : total), 0);

  it('places exactly the orders asked for, in hourly slots covering the window', () => {
    expect(schedule.counts.length).toBe(90 * 24);
    expect(sum(() => true)).toBe(30_000);
  });

  it('sells more in the evening than at night', () => {
    const evening = sum((slot) => hourOf(slot) >= 18 && hourOf(slot) < 22);
    const night = sum((slot) => hourOf(slot) >= 2 && hourOf(slot) < 6);
    expect(evening).toBeGreaterThan(5 * night);
  });

  it('sells more at weekends than midweek', () => {
    const day = (slot: number) => new Date(start + slot * HOUR).getUTCDay();
    const weekend = sum((slot) => day(slot) === 0 || day(slot) === 6) / 2;
    const midweek = sum((slot) => day(slot) >= 2 && day(slot) <= 3) / 2;
    expect(weekend).toBeGreaterThan(1.2 * midweek);
  });

  it('grows: the last month sells more than the first', () => {
    const slotsPerMonth = 30 * 24;
    const first = sum((slot) => slot < slotsPerMonth);
    const last = sum((slot) => slot >= schedule.counts.length - slotsPerMonth);
    expect(last).toBeGreaterThan(1.3 * first);
  });
});

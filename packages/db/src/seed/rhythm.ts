import type { Rng } from './prng';
import { DAY, HOUR } from './time';

/** Relative order volume by hour of day (UTC, the shop's clock): quiet nights, busy evenings. */
const HOUR_OF_DAY = [
  0.35, 0.2, 0.12, 0.08, 0.07, 0.1, 0.2, 0.4, 0.6, 0.75, 0.85, 0.95, 1.05, 1.0, 0.95, 0.95, 1.0,
  1.15, 1.35, 1.6, 1.75, 1.65, 1.2, 0.7,
];
/** By day of week, Sunday first: weekends sell more. */
const DAY_OF_WEEK = [1.25, 0.9, 0.85, 0.9, 0.95, 1.05, 1.3];
/** Volume at the end of the window relative to its start. */
const GROWTH = 1.8;

export interface OrderSchedule {
  /** Start of the first hourly slot (epoch ms). */
  start: number;
  /** End of the last slot: no order is placed at or after it. */
  end: number;
  /** How many orders are placed in each hour from `start`. */
  counts: Uint32Array;
}

/**
 * Spreads exactly `orders` placements over [start, end) in hourly slots, following a
 * growth trend, the weekly and daily rhythm, day-to-day noise and a few sale days.
 */
export function scheduleOrders(
  rng: Rng,
  window: { start: number; end: number },
  orders: number,
): OrderSchedule {
  const { start, end } = window;
  const slots = Math.max(1, Math.ceil((end - start) / HOUR));
  const days = Math.ceil(slots / 24);
  const dayFactor = new Float64Array(days);
  for (let d = 0; d < days; d++) dayFactor[d] = rng.between(0.85, 1.15);
  for (let s = 0; s < Math.max(1, Math.round(days / 45)); s++) {
    const saleDay = rng.int(0, days - 1);
    dayFactor[saleDay] = dayFactor[saleDay]! * 1.8;
  }

  const weights = new Float64Array(slots);
  let total = 0;
  for (let h = 0; h < slots; h++) {
    const at = start + h * HOUR;
    const date = new Date(at);
    const progress = (at - start) / Math.max(1, end - start);
    const partial = Math.min(1, (end - at) / HOUR);
    const w =
      (1 + (GROWTH - 1) * progress) *
      DAY_OF_WEEK[date.getUTCDay()]! *
      HOUR_OF_DAY[date.getUTCHours()]! *
      dayFactor[Math.floor((at - start) / DAY)]! *
      rng.between(0.8, 1.2) *
      partial;
    weights[h] = w;
    total += w;
  }

  // Cumulative rounding: every slot gets its share and the counts add up to `orders`.
  const counts = new Uint32Array(slots);
  let cumulative = 0;
  let placed = 0;
  for (let h = 0; h < slots; h++) {
    cumulative += weights[h]!;
    const upTo = h === slots - 1 ? orders : Math.round((orders * cumulative) / total);
    counts[h] = upTo - placed;
    placed = upTo;
  }
  return { start, end, counts };
}

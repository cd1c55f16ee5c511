import type { RestockStatus } from '@stockpulse/shared';
import type { Rng } from './prng';
import type { HistoryTally } from './tally';
import { DAY, HOUR } from './time';

/** How a product ends the history: most comfortably stocked, a few low or sold out. */
export type StockState = 'healthy' | 'low' | 'sold_out' | 'restocking';

/** Shares of the catalog in each non-healthy state (at least one product each). */
const STATE_SHARES: readonly [StockState, number][] = [
  ['sold_out', 0.015],
  ['low', 0.05],
  ['restocking', 0.04],
];

/** Which products end low, sold out or with a restock on its way; the rest are healthy. */
export function assignStockStates(rng: Rng, products: number): Uint8Array {
  const states = new Uint8Array(products); // 0 = healthy
  const order = rng.permutation(products);
  let next = 0;
  STATE_SHARES.forEach(([, share], s) => {
    const n = Math.min(products - next, Math.max(1, Math.round(products * share)));
    for (let k = 0; k < n; k++) states[order[next++]!] = s + 1;
  });
  return states;
}

const STATE_NAMES: readonly StockState[] = ['healthy', 'sold_out', 'low', 'restocking'];

export interface RestockPlan {
  quantity: number;
  status: RestockStatus;
  orderedAt: number;
  eta: number;
  /** When it was received or cancelled; null while open. */
  closedAt: number | null;
}

export interface StockPlan {
  state: StockState;
  opening: number;
  onHand: number;
  reserved: number;
  incoming: number;
  reorderPoint: number;
  reorderQuantity: number;
  restocks: RestockPlan[];
}

const roundUp = (n: number, step: number) => Math.ceil(n / step) * step;

let scratch = new Float64Array(0);

/**
 * For each time bucket b, the least available stock product `i` can have had at any
 * moment of buckets 0..b, relative to its final available stock and before deliveries.
 * Within a bucket it assumes the worst order (every reservation first), so a plan that
 * keeps these bounds at or above zero never shows negative stock at any moment.
 */
function lowWaterMarks(tally: HistoryTally, i: number): Float64Array {
  const buckets = tally.buckets;
  const base = i * buckets;
  if (scratch.length < buckets) scratch = new Float64Array(buckets);
  // Net consumption from the bucket's start to the end, minus the bucket's reservations.
  let consumedAfter = 0;
  for (let b = buckets - 1; b >= 0; b--) {
    consumedAfter += tally.placedByBucket[base + b]! - tally.releasedByBucket[base + b]!;
    scratch[b] = consumedAfter - tally.placedByBucket[base + b]!;
  }
  for (let b = 1; b < buckets; b++) scratch[b] = Math.min(scratch[b]!, scratch[b - 1]!);
  return scratch;
}

/**
 * The buckets in which restocks of `quantity` are received. Walking back from the end,
 * a delivery goes in the latest bucket where, with it, available stock at every earlier
 * moment stays above a margin under the reorder point (as when a real reorder arrives):
 * stock falls, a delivery lifts it, and what is left at the start is the opening stock.
 */
function receiptBuckets(
  rng: Rng,
  lows: Float64Array,
  buckets: number,
  availableAtEnd: number,
  reorderPoint: number,
  quantity: number,
): number[] {
  const chosen: number[] = [];
  let margin = reorderPoint * rng.between(0.2, 1);
  for (let b = buckets - 1; b >= 0; b--) {
    if (availableAtEnd + lows[b]! - quantity * (chosen.length + 1) >= margin) {
      chosen.push(b);
      margin = reorderPoint * rng.between(0.2, 1);
    }
  }
  return chosen;
}

/**
 * Chooses product `i`'s policy, final stock and restock history, then the opening
 * stock that makes the ledger add up: opening + received − shipped = final on_hand.
 */
export function planStock(
  rng: Rng,
  i: number,
  stateCode: number,
  tally: HistoryTally,
  window: { start: number; now: number },
): StockPlan {
  const { start, now } = window;
  const days = Math.max(1, (now - start) / DAY);
  const dailyDemand = tally.ordered[i]! / days;
  // Reorder when a week of demand is left; order a month of it.
  const reorderPoint = Math.max(5, roundUp(dailyDemand * 7, 5));
  const reorderQuantity = Math.max(20, roundUp(dailyDemand * 30, 10));
  const reserved = tally.reserved[i]!;
  const shipped = tally.shipped[i]!;
  const state = STATE_NAMES[stateCode]!;

  let available: number;
  if (state === 'sold_out') available = 0;
  else if (state === 'low') available = rng.int(1, reorderPoint);
  else if (state === 'restocking') available = rng.int(0, reorderPoint);
  else available = reorderPoint + rng.int(Math.ceil(reorderQuantity / 2), reorderQuantity * 2);

  const restocks: RestockPlan[] = [];
  const span = now - start;
  // A history that ends with a release needs that much stock left over (else it dipped).
  const lows = lowWaterMarks(tally, i);
  available = Math.max(available, Math.ceil(-lows[tally.buckets - 1]!));
  const receipts = receiptBuckets(
    rng,
    lows,
    tally.buckets,
    available,
    reorderPoint,
    reorderQuantity,
  );
  for (const b of receipts) {
    const receivedAt = Math.floor(start + (b + rng.between(0.1, 0.9)) * tally.bucketMs);
    const orderedAt = Math.floor(Math.max(start + HOUR, receivedAt - rng.between(2, 6) * DAY));
    const eta = Math.floor(orderedAt + (receivedAt - orderedAt) * rng.between(0.8, 1.2));
    restocks.push({
      quantity: reorderQuantity,
      status: 'received',
      orderedAt,
      eta,
      closedAt: receivedAt,
    });
  }
  if (rng.chance(0.02)) {
    const orderedAt = Math.floor(start + rng.between(0.05, 0.9) * span);
    const closedAt = Math.floor(orderedAt + rng.between(1 * HOUR, 2 * DAY));
    const eta = Math.floor(orderedAt + rng.between(3, 7) * DAY);
    restocks.push({ quantity: reorderQuantity, status: 'cancelled', orderedAt, eta, closedAt });
  }
  let incoming = 0;
  if (state === 'restocking') {
    const orderedAt = Math.floor(now - rng.between(6 * HOUR, 3 * DAY));
    const eta = Math.floor(now + rng.between(12 * HOUR, 4 * DAY));
    restocks.push({
      quantity: reorderQuantity,
      status: 'in_transit',
      orderedAt,
      eta,
      closedAt: null,
    });
    incoming = reorderQuantity;
  }
  restocks.sort((a, b) => a.orderedAt - b.orderedAt);

  const onHand = reserved + available;
  const opening = onHand + shipped - receipts.length * reorderQuantity;
  return { state, opening, onHand, reserved, incoming, reorderPoint, reorderQuantity, restocks };
}

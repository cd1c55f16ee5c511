import type { OrderStatus } from '@stockpulse/shared';
import type { OrderDraft } from './orders';
import { DAY } from './time';

/**
 * What the first pass over the order history learns, per product and per customer, in
 * typed arrays: enough to choose opening stock, policies and versions before any order
 * is written.
 */
export class HistoryTally {
  /** Units ordered (every status): the demand the reorder policy is sized on. */
  readonly ordered: Int32Array;
  /** Units shipped: they left on_hand. */
  readonly shipped: Int32Array;
  /** Units still reserved: lines of `paid` orders. */
  readonly reserved: Int32Array;
  /** Ledger rows the orders add (a reserve per line, then a ship or a release). */
  readonly movements: Uint32Array;
  readonly lastMovedAt: Float64Array;
  readonly firstOrderAt: Float64Array;
  /**
   * Units reserved (placed) and released per product per time bucket, product-major:
   * `[product * buckets + bucket]`. The restock planner schedules deliveries with them so
   * that available stock never goes negative at any point of the history.
   */
  readonly placedByBucket: Int32Array;
  readonly releasedByBucket: Int32Array;
  readonly buckets: number;
  readonly bucketMs: number;
  readonly statuses: Record<OrderStatus, number> = {
    pending: 0,
    paid: 0,
    partially_shipped: 0,
    shipped: 0,
    delivered: 0,
    cancelled: 0,
  };
  orders = 0;
  lines = 0;
  events = 0;

  constructor(
    products: number,
    customers: number,
    private readonly window: { start: number; now: number },
  ) {
    // One bucket per day, fewer for huge catalogs (at most ~4M cells, 32 MB).
    const days = Math.max(1, Math.round((window.now - window.start) / DAY));
    this.buckets = Math.max(1, Math.min(days, Math.floor(4_000_000 / products)));
    this.bucketMs = (window.now - window.start) / this.buckets;
    this.placedByBucket = new Int32Array(products * this.buckets);
    this.releasedByBucket = new Int32Array(products * this.buckets);
    this.ordered = new Int32Array(products);
    this.shipped = new Int32Array(products);
    this.reserved = new Int32Array(products);
    this.movements = new Uint32Array(products);
    this.lastMovedAt = new Float64Array(products);
    this.firstOrderAt = new Float64Array(customers).fill(Number.POSITIVE_INFINITY);
  }

  add(order: OrderDraft): void {
    this.orders += 1;
    this.lines += order.lines.length;
    this.events += order.events.length;
    this.statuses[order.status] += 1;
    if (order.placedAt < this.firstOrderAt[order.customer]!) {
      this.firstOrderAt[order.customer] = order.placedAt;
    }
    const settlement = order.settlement;
    const placedCell = this.bucketOf(order.placedAt);
    const releasedCell = settlement?.kind === 'release' ? this.bucketOf(settlement.at) : -1;
    for (const { product, quantity } of order.lines) {
      this.placedByBucket[product * this.buckets + placedCell]! += quantity;
      if (releasedCell >= 0)
        this.releasedByBucket[product * this.buckets + releasedCell]! += quantity;
      this.ordered[product]! += quantity;
      this.movements[product]! += settlement ? 2 : 1;
      if (!settlement) this.reserved[product]! += quantity;
      else if (settlement.kind === 'ship') this.shipped[product]! += quantity;
      const last = settlement ? settlement.at : order.placedAt;
      if (last > this.lastMovedAt[product]!) this.lastMovedAt[product] = last;
    }
  }

  bucketOf(at: number): number {
    const b = Math.floor((at - this.window.start) / this.bucketMs);
    return Math.min(this.buckets - 1, Math.max(0, b));
  }
}

import { isRevenueStatus, ORDER_STATUSES, type OrderStatus } from '@stockpulse/shared';
import { REBUILD_ROLLUPS_SQL } from '../rollups';
import type { BulkWriter } from './bulk';
import { productId } from './catalog';
import type { OrderLine } from './orders';
import { ROLLUP_TABLES } from './tables';
import { DAY, HOUR, sqlTime } from './time';

/**
 * The rollups of schema/reports.ts, tallied while the orders are written instead of
 * rebuilt from them afterwards (REBUILD_ROLLUPS_SQL: a GROUP BY over a million orders
 * and two million lines, 45 s on the reference shop). The rows are the ones
 * REBUILD_ROLLUPS_SQL would insert (rollups.int.test.ts compares them); the statements of
 * it that fill other tables still run (`remainingRebuildStatements`).
 */

/** The tables this tally fills; REBUILD_ROLLUPS_SQL's statements for them are skipped. */
export const TALLIED_ROLLUP_TABLES = [
  ROLLUP_TABLES.salesRollup.name,
  ROLLUP_TABLES.productSalesRollup.name,
  ROLLUP_TABLES.orderStatusCounts.name,
] as const;

const TARGET = /^\s*(?:DELETE\s+FROM|INSERT\s+INTO)\s+`?(\w+)`?/i;

/** REBUILD_ROLLUPS_SQL without the statements that empty or fill the tallied tables. */
export function remainingRebuildStatements(): string[] {
  return REBUILD_ROLLUPS_SQL.filter((statement) => {
    const table = TARGET.exec(statement)?.[1];
    return !(TALLIED_ROLLUP_TABLES as readonly string[]).includes(table ?? '');
  });
}

/** What the tally needs of one order. */
export interface RollupOrder {
  placedAt: number;
  status: OrderStatus;
  totalCents: number;
  itemCount: number;
  /** Product indexes (id − 1) and quantities, sold at the catalog's price. */
  lines: readonly OrderLine[];
}

const hourOf = (ms: number) => Math.floor(ms / HOUR) * HOUR;
const dayOf = (ms: number) => Math.floor(ms / DAY) * DAY;
const monthOf = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};

interface SalesSums {
  orders: number;
  revenue: number;
  units: number;
}

/** One grain's sums per status over its current bucket, written when the bucket ends. */
class SalesBucket {
  start = Number.NaN;
  readonly sums = new Map<OrderStatus, SalesSums>();
  constructor(
    readonly grain: string,
    readonly of: (ms: number) => number,
  ) {}
}

/**
 * One grain's sums per product over its current bucket, in arrays indexed by product
 * (a million orders' lines, three grains each: Map lookups were a tenth of the seed's CPU).
 */
class ProductBucket {
  start = Number.NaN;
  readonly units: Float64Array;
  readonly revenue: Float64Array;
  /** Products with sums in this bucket. */
  touched: number[] = [];
  constructor(
    readonly grain: string,
    readonly of: (ms: number) => number,
    products: number,
  ) {
    this.units = new Float64Array(products);
    this.revenue = new Float64Array(products);
  }
}

/**
 * Tallies the rollups of orders that arrive in placement order (the seed's history), and
 * writes each bucket's rows as soon as the bucket is over, so it holds one hour, one day
 * and one month of sums at a time.
 */
export class RollupTally {
  private readonly sales = [new SalesBucket('hour', hourOf), new SalesBucket('day', dayOf)];
  private readonly products: ProductBucket[];
  private readonly statusCounts = new Map<OrderStatus, number>();
  private lastPlacedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly writer: BulkWriter,
    private readonly priceCents: ArrayLike<number>,
  ) {
    const n = priceCents.length;
    this.products = [
      new ProductBucket('hour', hourOf, n),
      new ProductBucket('day', dayOf, n),
      new ProductBucket('month', monthOf, n),
    ];
  }

  add(order: RollupOrder): void {
    if (order.placedAt < this.lastPlacedAt) {
      throw new Error('RollupTally: orders must come in placement order');
    }
    this.lastPlacedAt = order.placedAt;
    this.statusCounts.set(order.status, (this.statusCounts.get(order.status) ?? 0) + 1);
    for (const bucket of this.sales) {
      const start = bucket.of(order.placedAt);
      if (start !== bucket.start) {
        this.writeSales(bucket);
        bucket.start = start;
      }
      const sums = bucket.sums.get(order.status);
      if (sums) {
        sums.orders += 1;
        sums.revenue += order.totalCents;
        sums.units += order.itemCount;
      } else {
        bucket.sums.set(order.status, {
          orders: 1,
          revenue: order.totalCents,
          units: order.itemCount,
        });
      }
    }
    if (!isRevenueStatus(order.status)) return;
    for (const bucket of this.products) {
      const start = bucket.of(order.placedAt);
      if (start !== bucket.start) {
        this.writeProducts(bucket);
        bucket.start = start;
      }
      for (const { product, quantity } of order.lines) {
        if (bucket.units[product] === 0) bucket.touched.push(product);
        bucket.units[product]! += quantity;
        bucket.revenue[product]! += quantity * this.priceCents[product]!;
      }
    }
  }

  /** Writes the open buckets and the counts per status. */
  finish(): void {
    for (const bucket of this.sales) this.writeSales(bucket);
    for (const bucket of this.products) this.writeProducts(bucket);
    for (const status of ORDER_STATUSES) {
      const n = this.statusCounts.get(status);
      if (n) this.writer.add(ROLLUP_TABLES.orderStatusCounts, [status, n]);
    }
  }

  private writeSales(bucket: SalesBucket): void {
    if (bucket.sums.size === 0) return;
    const at = sqlTime(bucket.start);
    for (const status of ORDER_STATUSES) {
      const s = bucket.sums.get(status);
      if (!s) continue;
      this.writer.add(ROLLUP_TABLES.salesRollup, [
        bucket.grain,
        at,
        status,
        s.orders,
        s.revenue,
        s.units,
      ]);
    }
    bucket.sums.clear();
  }

  private writeProducts(bucket: ProductBucket): void {
    if (bucket.touched.length === 0) return;
    const at = sqlTime(bucket.start);
    // Product order: the primary key's, so the rows append to the clustered index.
    for (const product of bucket.touched.sort((a, b) => a - b)) {
      this.writer.add(ROLLUP_TABLES.productSalesRollup, [
        bucket.grain,
        at,
        productId(product),
        bucket.units[product]!,
        bucket.revenue[product]!,
      ]);
      bucket.units[product] = 0;
      bucket.revenue[product] = 0;
    }
    bucket.touched = [];
  }
}

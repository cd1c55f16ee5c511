import { ORDER_STATUS_COLUMN_VALUES } from '@stockpulse/shared';
import {
  bigint,
  datetime,
  index,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  tinyint,
} from 'drizzle-orm/mysql-core';
import { ref } from './columns';

/**
 * Rollups that the sales report and the order counts read instead of scanning `orders`
 * (DESIGN §10). They are never written on the checkout or payment path: the outbox relay
 * folds each committed `order:created` / `order:updated` row into them in the transaction
 * that marks the row published, so each change counts exactly once
 * (packages/core/src/reports/fold.ts). Every figure is signed: two relay passes may fold
 * an order's events out of order, and a count may dip below zero for a moment.
 */

export const ROLLUP_GRAINS = ['hour', 'day'] as const;
export const PRODUCT_ROLLUP_GRAINS = ['hour', 'day', 'month'] as const;
export type RollupGrain = (typeof ROLLUP_GRAINS)[number];
export type ProductRollupGrain = (typeof PRODUCT_ROLLUP_GRAINS)[number];

const bucketStart = () => datetime({ mode: 'date' }).notNull();
const total = () => bigint({ mode: 'number' }).notNull().default(0);

/** Orders, order totals and units per UTC hour and day of placement, per current status. */
export const salesRollup = mysqlTable(
  'sales_rollup',
  {
    grain: mysqlEnum(ROLLUP_GRAINS).notNull(),
    /** The UTC start of the hour or day in which the orders were placed. */
    bucketStart: bucketStart(),
    status: mysqlEnum(ORDER_STATUS_COLUMN_VALUES).notNull(),
    orders: total(),
    revenueCents: total(),
    units: total(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.bucketStart, t.status] })],
);

/**
 * Units and revenue per product per UTC hour, day and month of placement, of the orders
 * that count as revenue (paid, shipped, delivered). The (grain, bucket, revenue) index is
 * each bucket's best-sellers list, which the top-products query walks from the top.
 */
export const productSalesRollup = mysqlTable(
  'product_sales_rollup',
  {
    grain: mysqlEnum(PRODUCT_ROLLUP_GRAINS).notNull(),
    bucketStart: bucketStart(),
    productId: ref().notNull(),
    units: total(),
    revenueCents: total(),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.bucketStart, t.productId] }),
    index('product_sales_rollup_best_idx').on(t.grain, t.bucketStart, t.revenueCents, t.productId),
    index('product_sales_rollup_product_idx').on(t.productId, t.grain, t.bucketStart),
  ],
);

/**
 * Money given back per UTC hour and day in which the refund succeeded (DESIGN §12): sales
 * are gross (`sales_rollup`) and net of these. Folded from the `refund` activity the
 * relay publishes, like the other rollups.
 */
export const refundRollup = mysqlTable(
  'refund_rollup',
  {
    grain: mysqlEnum(ROLLUP_GRAINS).notNull(),
    bucketStart: bucketStart(),
    refunds: total(),
    refundedCents: total(),
  },
  (t) => [primaryKey({ columns: [t.grain, t.bucketStart] })],
);

/** How many orders are in each status: the counts on the console's order filters. */
export const orderStatusCounts = mysqlTable('order_status_counts', {
  status: mysqlEnum(ORDER_STATUS_COLUMN_VALUES).primaryKey(),
  orders: total(),
});

/**
 * One row. `foldedThroughOutboxId`: outbox rows up to this id were already counted when
 * the rollups were rebuilt from `orders` (the migration, the seed), so the relay skips
 * them instead of counting them twice.
 */
export const rollupState = mysqlTable('rollup_state', {
  id: tinyint().primaryKey(),
  foldedThroughOutboxId: bigint({ mode: 'number', unsigned: true }).notNull(),
  rebuiltAt: datetime({ mode: 'date', fsp: 3 }).notNull(),
});

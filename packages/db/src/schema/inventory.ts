import { MOVEMENT_REASONS, MOVEMENT_REFERENCES } from '@stockpulse/shared';
import { sql } from 'drizzle-orm';
import { check, index, int, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, utcTime } from './columns';
import { products } from './products';

/**
 * One row per product. Every change is a conditional single-statement UPDATE that also
 * bumps `version`, which events carry so clients can drop stale ones.
 */
export const inventory = mysqlTable(
  'inventory',
  {
    productId: ref()
      .primaryKey()
      .references(() => products.id),
    onHand: int().notNull().default(0),
    reserved: int().notNull().default(0),
    incoming: int().notNull().default(0),
    reorderPoint: int().notNull().default(10),
    reorderQuantity: int().notNull().default(50),
    version: int({ unsigned: true }).notNull().default(1),
    // Derived, stored and indexed: the in-stock filter and the low-stock scan read them.
    available: int().generatedAlwaysAs(sql`on_hand - reserved`, { mode: 'stored' }),
    /** Inventory position minus reorder point: at or below zero means "needs a restock". */
    restockGap: int().generatedAlwaysAs(sql`on_hand - reserved + incoming - reorder_point`, {
      mode: 'stored',
    }),
    updatedAt: utcTime().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [
    index('inventory_available_idx').on(t.available),
    index('inventory_restock_gap_idx').on(t.restockGap),
    // The last line of defence for invariant 1; the UPDATEs never get here.
    check('inventory_stock_bounds', sql`reserved >= 0 AND reserved <= on_hand AND incoming >= 0`),
    check('inventory_policy_bounds', sql`reorder_point >= 0 AND reorder_quantity > 0`),
  ],
);

/** The append-only stock ledger: the inventory row is the sum of its product's rows. */
export const stockMovements = mysqlTable(
  'stock_movements',
  {
    id: id(),
    productId: ref()
      .notNull()
      .references(() => products.id),
    deltaOnHand: int().notNull().default(0),
    deltaReserved: int().notNull().default(0),
    deltaIncoming: int().notNull().default(0),
    reason: mysqlEnum(MOVEMENT_REASONS).notNull(),
    refType: mysqlEnum(MOVEMENT_REFERENCES).notNull(),
    refId: ref(),
    /** Who caused it: `customer:12`, `admin:3`, `worker`, `seed`. */
    actor: varchar({ length: 64 }).notNull(),
    note: varchar({ length: 255 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_movements_product_time_idx').on(t.productId, t.createdAt),
    index('stock_movements_ref_idx').on(t.refType, t.refId),
    // The invariant check's ledger sums per product read this index alone: a best-seller
    // has hundreds of thousands of rows, each a row lookup through the time index.
    index('stock_movements_product_deltas_idx').on(
      t.productId,
      t.deltaOnHand,
      t.deltaReserved,
      t.deltaIncoming,
    ),
  ],
);

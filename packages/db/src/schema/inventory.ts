import { MOVEMENT_REASONS, MOVEMENT_REFERENCES } from '@stockpulse/shared';
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  varchar,
} from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, utcTime } from './columns';
import { locations } from './locations';
import { products } from './products';
import { variants } from './variants';

/**
 * One row per (variant, location) (DESIGN §11). Every change is a conditional
 * single-statement UPDATE that also bumps `version`. Unavailable stock is on hand but not
 * for sale, kept apart by state: available = on_hand − reserved − damaged −
 * quality_control − safety_stock. `product_id` is the variant's, copied so a product's
 * stock is one index range (the catalog's available and in-stock filter).
 */
export const inventory = mysqlTable(
  'inventory',
  {
    variantId: ref()
      .notNull()
      .references(() => variants.id),
    locationId: ref()
      .notNull()
      .references(() => locations.id),
    productId: ref()
      .notNull()
      .references(() => products.id),
    onHand: int().notNull().default(0),
    reserved: int().notNull().default(0),
    incoming: int().notNull().default(0),
    damaged: int().notNull().default(0),
    qualityControl: int().notNull().default(0),
    safetyStock: int().notNull().default(0),
    reorderPoint: int().notNull().default(10),
    reorderQuantity: int().notNull().default(50),
    version: int({ unsigned: true }).notNull().default(1),
    // Derived, stored and indexed: the in-stock filter and the low-stock scan read them.
    available: int().generatedAlwaysAs(
      sql`on_hand - reserved - damaged - quality_control - safety_stock`,
      { mode: 'stored' },
    ),
    /**
     * Inventory position minus reorder point: at or below zero means "needs a restock".
     * NULL with reorder point 0 (not stocked there): out of the index's `<= 0` range the
     * low-stock list and the restock scan read, whatever number of such rows a location has.
     */
    restockGap: int().generatedAlwaysAs(
      sql`IF(reorder_point = 0, NULL, on_hand - reserved - damaged - quality_control - safety_stock + incoming - reorder_point)`,
      { mode: 'stored' },
    ),
    /**
     * `available` of a row that is low as an operator means it (tracked, available at or
     * below its reorder point, whatever is on order), else NULL: the low-stock list walks
     * its index in (available, variant, location) order and stops at a page, never passing
     * a location's untracked rows (available 0, reorder point 0).
     */
    lowAvailable: int().generatedAlwaysAs(
      sql`IF(reorder_point > 0 AND on_hand - reserved - damaged - quality_control - safety_stock <= reorder_point, on_hand - reserved - damaged - quality_control - safety_stock, NULL)`,
      { mode: 'stored' },
    ),
    updatedAt: utcTime().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [
    primaryKey({ columns: [t.variantId, t.locationId] }),
    index('inventory_low_available_idx').on(t.lowAvailable),
    index('inventory_product_location_idx').on(t.productId, t.locationId, t.available),
    index('inventory_location_variant_idx').on(t.locationId, t.variantId),
    index('inventory_available_idx').on(t.available),
    index('inventory_restock_gap_idx').on(t.restockGap),
    // The last line of defence for invariant 1; the UPDATEs never get here.
    check(
      'inventory_stock_bounds',
      sql`reserved >= 0 AND incoming >= 0 AND damaged >= 0 AND quality_control >= 0 AND safety_stock >= 0 AND reserved + damaged + quality_control + safety_stock <= on_hand`,
    ),
    check('inventory_policy_bounds', sql`reorder_point >= 0 AND reorder_quantity > 0`),
  ],
);

/**
 * The append-only stock ledger: each inventory row is the sum of its (variant, location)'s
 * rows, column for column.
 */
export const stockMovements = mysqlTable(
  'stock_movements',
  {
    id: id(),
    variantId: ref()
      .notNull()
      .references(() => variants.id),
    locationId: ref()
      .notNull()
      .references(() => locations.id),
    deltaOnHand: int().notNull().default(0),
    deltaReserved: int().notNull().default(0),
    deltaIncoming: int().notNull().default(0),
    deltaDamaged: int().notNull().default(0),
    deltaQualityControl: int().notNull().default(0),
    deltaSafetyStock: int().notNull().default(0),
    reason: mysqlEnum(MOVEMENT_REASONS).notNull(),
    refType: mysqlEnum(MOVEMENT_REFERENCES).notNull(),
    refId: ref(),
    /** Who caused it: `customer:12`, `admin:3`, `worker`, `seed`. */
    actor: varchar({ length: 64 }).notNull(),
    note: varchar({ length: 255 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_movements_variant_time_idx').on(t.variantId, t.locationId, t.createdAt),
    index('stock_movements_ref_idx').on(t.refType, t.refId),
    // The invariant check's ledger sums per row read this index alone: a best-seller has
    // hundreds of thousands of rows, each a row lookup through the time index.
    index('stock_movements_variant_deltas_idx').on(
      t.variantId,
      t.locationId,
      t.deltaOnHand,
      t.deltaReserved,
      t.deltaIncoming,
      t.deltaDamaged,
      t.deltaQualityControl,
      t.deltaSafetyStock,
    ),
  ],
);

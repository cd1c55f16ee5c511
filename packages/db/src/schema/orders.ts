import { ORDER_STATUS_COLUMN_VALUES, PAYMENT_STATUSES } from '@stockpulse/shared';
import { sql } from 'drizzle-orm';
import {
  char,
  check,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamps } from './columns';
import { customers } from './customers';
import { locations } from './locations';
import { products } from './products';
import { variants } from './variants';

export const orders = mysqlTable(
  'orders',
  {
    id: id(),
    customerId: ref()
      .notNull()
      .references(() => customers.id),
    status: mysqlEnum(ORDER_STATUS_COLUMN_VALUES).notNull().default('pending'),
    /** What the order's payments add up to (DESIGN §12), kept apart from `status`. */
    paymentStatus: mysqlEnum(PAYMENT_STATUSES).notNull().default('awaiting_payment'),
    totalCents: int({ unsigned: true }).notNull(),
    itemCount: int({ unsigned: true }).notNull(),
    // The shipping address as it was at purchase: later profile edits leave it alone.
    shipName: varchar({ length: 100 }).notNull(),
    shipLine1: varchar({ length: 120 }).notNull(),
    shipLine2: varchar({ length: 120 }),
    shipCity: varchar({ length: 80 }).notNull(),
    shipRegion: varchar({ length: 80 }),
    shipPostalCode: varchar({ length: 20 }).notNull(),
    shipCountry: varchar({ length: 2 }).notNull(),
    idempotencyKey: varchar({ length: 64 }).notNull(),
    /** SHA-256 of the normalised request, to tell a replay from a reused key. */
    requestHash: char({ length: 64 }).notNull(),
    cancelReason: varchar({ length: 255 }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('orders_customer_idempotency_uq').on(t.customerId, t.idempotencyKey),
    // One index per sort of the admin's orders list, with and without a status, and per
    // customer (a search, a customer's history and figures). InnoDB appends the id to
    // each, so every keyset page (key, id) is a range read in index order, never a sort.
    // Each names the id before the columns after it, so the order stays (key, id) while
    // those columns are read from the index too: a search walking a sort's index checks
    // each order's customer, a status filter per customer checks the status, and a
    // customer's count and lifetime value are summed, all without reading rows.
    index('orders_status_time_idx').on(t.status, t.createdAt, t.id, t.customerId),
    index('orders_status_total_idx').on(t.status, t.totalCents, t.id, t.customerId),
    index('orders_customer_time_idx').on(t.customerId, t.createdAt, t.id, t.status, t.totalCents),
    index('orders_customer_total_idx').on(t.customerId, t.totalCents, t.id, t.status),
    index('orders_time_idx').on(t.createdAt, t.id, t.customerId),
    index('orders_total_idx').on(t.totalCents, t.id, t.customerId),
  ],
);

/** The lines of an order, at the price of the moment it was placed. */
export const orderDetails = mysqlTable(
  'order_details',
  {
    id: id(),
    orderId: ref()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: ref()
      .notNull()
      .references(() => products.id),
    variantId: ref()
      .notNull()
      .references(() => variants.id),
    quantity: int({ unsigned: true }).notNull(),
    unitPriceCents: int({ unsigned: true }).notNull(),
    // What happened to the units since (DESIGN §12), kept on the line so the rules read one
    // row: shipped ≤ quantity − cancelled, returned ≤ shipped (Σ of shipment_lines, line
    // cancellations, received return_lines).
    shippedQuantity: int({ unsigned: true }).notNull().default(0),
    cancelledQuantity: int({ unsigned: true }).notNull().default(0),
    returnedQuantity: int({ unsigned: true }).notNull().default(0),
  },
  (t) => [
    uniqueIndex('order_details_order_variant_uq').on(t.orderId, t.variantId),
    index('order_details_product_idx').on(t.productId),
    index('order_details_variant_idx').on(t.variantId),
    check('order_details_quantity_positive', sql`quantity > 0`),
    check('order_details_shipped_within', sql`shipped_quantity + cancelled_quantity <= quantity`),
    check('order_details_returned_within', sql`returned_quantity <= shipped_quantity`),
  ],
);

/**
 * Where each line's units were reserved (DESIGN §11): one row per (line, location), the
 * quantities summing to the line's. Written by the placement with the reservation; a
 * release or a shipment moves stock at exactly these rows. What is still reserved there is
 * quantity − shipped − cancelled.
 */
export const orderAllocations = mysqlTable(
  'order_allocations',
  {
    orderDetailId: ref()
      .notNull()
      .references(() => orderDetails.id, { onDelete: 'cascade' }),
    locationId: ref()
      .notNull()
      .references(() => locations.id),
    quantity: int({ unsigned: true }).notNull(),
    shippedQuantity: int({ unsigned: true }).notNull().default(0),
    cancelledQuantity: int({ unsigned: true }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orderDetailId, t.locationId] }),
    check('order_allocations_quantity_positive', sql`quantity > 0`),
    check('order_allocations_open_within', sql`shipped_quantity + cancelled_quantity <= quantity`),
  ],
);

/** Status history: one row per change, the first from NULL to `pending`. */
export const orderEvents = mysqlTable(
  'order_events',
  {
    id: id(),
    orderId: ref()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: mysqlEnum(ORDER_STATUS_COLUMN_VALUES),
    toStatus: mysqlEnum(ORDER_STATUS_COLUMN_VALUES).notNull(),
    actor: varchar({ length: 64 }).notNull(),
    reason: varchar({ length: 255 }),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id)],
);

export type OrderRow = typeof orders.$inferSelect;
export type OrderDetailRow = typeof orderDetails.$inferSelect;
export type OrderAllocationRow = typeof orderAllocations.$inferSelect;

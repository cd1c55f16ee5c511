import { sql } from 'drizzle-orm';
import { check, index, int, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from './columns';
import { locations } from './locations';
import { orderDetails, orders } from './orders';

/**
 * A parcel that left one location (DESIGN §12): some or all of an order's open units,
 * with the carrier and tracking number the shopper follows. Shipping consumes the
 * reservation at the lines' allocations there (`ship` ledger rows, reference `shipment`).
 */
export const shipments = mysqlTable(
  'shipments',
  {
    id: id(),
    orderId: ref()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    locationId: ref()
      .notNull()
      .references(() => locations.id),
    carrier: varchar({ length: 40 }).notNull(),
    trackingNumber: varchar({ length: 64 }).notNull(),
    /** `admin:3`. */
    actor: varchar({ length: 64 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('shipments_order_idx').on(t.orderId, t.id),
    index('shipments_location_time_idx').on(t.locationId, t.createdAt),
  ],
);

export const shipmentLines = mysqlTable(
  'shipment_lines',
  {
    shipmentId: ref()
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    orderDetailId: ref()
      .notNull()
      .references(() => orderDetails.id, { onDelete: 'cascade' }),
    quantity: int({ unsigned: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shipmentId, t.orderDetailId] }),
    index('shipment_lines_detail_idx').on(t.orderDetailId),
    check('shipment_lines_quantity_positive', sql`quantity > 0`),
  ],
);

export type ShipmentRow = typeof shipments.$inferSelect;
export type ShipmentLineRow = typeof shipmentLines.$inferSelect;

import { RESTOCK_STATUSES } from '@stockpulse/shared';
import { sql } from 'drizzle-orm';
import { check, index, int, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, ref, timestamps, utcTime } from './columns';
import { locations } from './locations';
import { products } from './products';
import { variants } from './variants';

/** Purchase orders to suppliers: requested → in_transit → received | cancelled. */
export const restocks = mysqlTable(
  'restocks',
  {
    id: id(),
    productId: ref()
      .notNull()
      .references(() => products.id),
    variantId: ref()
      .notNull()
      .references(() => variants.id),
    locationId: ref()
      .notNull()
      .references(() => locations.id),
    quantity: int({ unsigned: true }).notNull(),
    status: mysqlEnum(RESTOCK_STATUSES).notNull().default('requested'),
    /** `scheduler` or `admin:{id}`. */
    requestedBy: varchar({ length: 64 }).notNull(),
    eta: utcTime(),
    receivedAt: utcTime(),
    ...timestamps,
  },
  (t) => [
    index('restocks_product_status_idx').on(t.productId, t.status),
    index('restocks_variant_location_status_idx').on(t.variantId, t.locationId, t.status),
    index('restocks_status_time_idx').on(t.status, t.createdAt),
    // admin.restocks.list of one status, newest (highest id) first: `(status, id)`.
    index('restocks_status_idx').on(t.status),
    check('restocks_quantity_positive', sql`quantity > 0`),
  ],
);

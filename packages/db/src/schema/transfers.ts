import { TRANSFER_STATUSES } from '@stockpulse/shared';
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
import { id, ref, timestamps, utcTime } from './columns';
import { locations } from './locations';
import { variants } from './variants';

/**
 * Stock moving between two locations (DESIGN §11): draft → in_transit (on_hand leaves the
 * source, incoming rises at the destination) → received (incoming becomes on_hand) or
 * cancelled (a draft changes nothing; in transit, the units go back to the source).
 */
export const transfers = mysqlTable(
  'transfers',
  {
    id: id(),
    fromLocationId: ref()
      .notNull()
      .references(() => locations.id),
    toLocationId: ref()
      .notNull()
      .references(() => locations.id),
    status: mysqlEnum(TRANSFER_STATUSES).notNull().default('draft'),
    /** `admin:{id}`. */
    createdBy: varchar({ length: 64 }).notNull(),
    note: varchar({ length: 255 }),
    shippedAt: utcTime(),
    receivedAt: utcTime(),
    cancelledAt: utcTime(),
    ...timestamps,
  },
  (t) => [
    index('transfers_status_idx').on(t.status),
    check('transfers_two_places', sql`from_location_id <> to_location_id`),
  ],
);

export const transferLines = mysqlTable(
  'transfer_lines',
  {
    transferId: ref()
      .notNull()
      .references(() => transfers.id, { onDelete: 'cascade' }),
    variantId: ref()
      .notNull()
      .references(() => variants.id),
    quantity: int({ unsigned: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.transferId, t.variantId] }),
    check('transfer_lines_quantity_positive', sql`quantity > 0`),
  ],
);

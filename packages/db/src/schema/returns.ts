import { RETURN_STATUSES } from '@stockpulse/shared';
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
import { orderDetails, orders } from './orders';

/**
 * A shopper's request to send shipped units back (DESIGN §12), within RETURN_WINDOW_DAYS
 * of delivery: requested → approved / rejected → received (each line restocked or set
 * aside as damaged) → refunded.
 */
export const returns = mysqlTable(
  'returns',
  {
    id: id(),
    orderId: ref()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    status: mysqlEnum(RETURN_STATUSES).notNull().default('requested'),
    reason: varchar({ length: 500 }).notNull(),
    rejectReason: varchar({ length: 255 }),
    /** `customer:12`. */
    requestedBy: varchar({ length: 64 }).notNull(),
    decidedAt: utcTime(),
    receivedAt: utcTime(),
    ...timestamps,
  },
  (t) => [
    index('returns_order_idx').on(t.orderId, t.id),
    index('returns_status_idx').on(t.status, t.id),
  ],
);

export const returnLines = mysqlTable(
  'return_lines',
  {
    returnId: ref()
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    orderDetailId: ref()
      .notNull()
      .references(() => orderDetails.id, { onDelete: 'cascade' }),
    quantity: int({ unsigned: true }).notNull(),
    /** Units staff received back, by disposition (RETURN_DISPOSITIONS): shelf or damaged. */
    restockedQuantity: int({ unsigned: true }).notNull().default(0),
    damagedQuantity: int({ unsigned: true }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.returnId, t.orderDetailId] }),
    index('return_lines_detail_idx').on(t.orderDetailId),
    check('return_lines_quantity_positive', sql`quantity > 0`),
    check('return_lines_received_within', sql`restocked_quantity + damaged_quantity <= quantity`),
  ],
);

export type ReturnRow = typeof returns.$inferSelect;
export type ReturnLineRow = typeof returnLines.$inferSelect;

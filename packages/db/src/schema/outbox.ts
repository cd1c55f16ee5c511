import { index, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, utcTime } from './columns';

/**
 * The transactional outbox: an event or a job written in the same transaction as the
 * change it describes; the relay publishes it after commit and stamps `published_at`.
 */
export const outbox = mysqlTable(
  'outbox',
  {
    id: id(),
    kind: mysqlEnum(['event', 'job']).notNull(),
    /** The Socket.IO event name, or the BullMQ queue name. */
    topic: varchar({ length: 64 }).notNull(),
    /** JSON text (MariaDB's JSON type is LONGTEXT anyway; the relay parses it). */
    payload: text().notNull(),
    createdAt: createdAt(),
    publishedAt: utcTime(),
  },
  (t) => [index('outbox_unpublished_idx').on(t.publishedAt, t.id)],
);

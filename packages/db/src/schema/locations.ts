import { boolean, char, index, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, timestamps } from './columns';

/**
 * Where stock is kept (DESIGN §11). Online orders are allocated from the active locations
 * that `fulfils_online`, lowest `priority` first. A fresh shop has one, "Main warehouse"
 * (id 1, `DEFAULT_LOCATION_ID`), created by migration 0010.
 */
export const locations = mysqlTable(
  'locations',
  {
    id: id(),
    name: varchar({ length: 100 }).notNull(),
    code: varchar({ length: 16 }).notNull().unique(),
    country: char({ length: 2 }).notNull(),
    fulfilsOnline: boolean().notNull().default(true),
    priority: int().notNull().default(100),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [index('locations_priority_idx').on(t.priority)],
);

export type LocationRow = typeof locations.$inferSelect;

import { boolean, index, int, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { id, timestamps } from './columns';

export const products = mysqlTable(
  'products',
  {
    id: id(),
    sku: varchar({ length: 64 }).notNull().unique(),
    name: varchar({ length: 200 }).notNull(),
    description: text().notNull(),
    category: varchar({ length: 64 }).notNull(),
    priceCents: int({ unsigned: true }).notNull(),
    imageUrl: varchar({ length: 500 }),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [
    // Catalog browsing: active products of a category, by name; and all by name.
    index('products_active_category_name_idx').on(t.active, t.category, t.name),
    index('products_active_name_idx').on(t.active, t.name),
    // Word search (FULLTEXT on name, description) is added by a custom migration:
    // drizzle-kit has no FULLTEXT index for MySQL.
  ],
);

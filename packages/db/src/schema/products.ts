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
    // The admin's stock list: every product, archived too, by name.
    index('products_name_idx').on(t.name),
    // Word search is added by hand-written migrations (drizzle-kit has no FULLTEXT index
    // for MySQL): `products_search_ft (name, description)` for the catalog (0001),
    // `products_name_sku_ft (name, sku)` for the admin's stock list (0005).
  ],
);

import { sql } from 'drizzle-orm';
import {
  type AnyMySqlColumn,
  bigint,
  index,
  mysqlTable,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { id, ref, timestamps, utcTime } from './columns';

/**
 * Managed categories (DESIGN §11): a name, a slug for URLs, an optional parent.
 * Products point at one (`products.category_id`) and keep a copy of its name
 * (`products.category`, rewritten with a rename; see core/products/category-records.ts).
 * `parent_key` is the parent's id or 0 for a top-level category, so the unique
 * `(parent_key, name)` refuses two siblings of the same name (a nullable column would let
 * every top-level duplicate through: NULLs are distinct in a unique index). Names compare
 * in the table's collation (utf8mb4_unicode_ci): "kitchen" is "Kitchen". Archived
 * categories are hidden from the storefront's filter and from new products; products keep
 * them.
 */
export const categories = mysqlTable(
  'categories',
  {
    id: id(),
    name: varchar({ length: 64 }).notNull(),
    slug: varchar({ length: 80 }).notNull().unique(),
    parentId: ref().references((): AnyMySqlColumn => categories.id),
    parentKey: bigint({ mode: 'number', unsigned: true }).generatedAlwaysAs(
      sql`COALESCE(parent_id, 0)`,
      { mode: 'stored' },
    ),
    archivedAt: utcTime(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('categories_parent_name_unique').on(t.parentKey, t.name),
    index('categories_parent_id_idx').on(t.parentId),
  ],
);

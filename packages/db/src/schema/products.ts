import { boolean, index, int, mysqlTable, primaryKey, text, varchar } from 'drizzle-orm/mysql-core';
import { SEARCH_WORD_LENGTH } from '../search-words';
import { categories } from './categories';
import { id, ref, timestamps } from './columns';

export const products = mysqlTable(
  'products',
  {
    id: id(),
    sku: varchar({ length: 64 }).notNull().unique(),
    name: varchar({ length: 200 }).notNull(),
    description: text().notNull(),
    /** A copy of the category's name (categories.name), kept by every write of either. */
    category: varchar({ length: 64 }).notNull(),
    /**
     * The product's category. Nullable only because the migration that added it (with its
     * foreign key) had to fill it after the generated statements; every product has one
     * (the invariant check says so).
     */
    categoryId: ref().references(() => categories.id),
    priceCents: int({ unsigned: true }).notNull(),
    imageUrl: varchar({ length: 500 }),
    active: boolean().notNull().default(true),
    /**
     * +1 with every stock change of any of the product's variants at any location, in the
     * transaction of the change, which so holds this row: `inventory:changed` carries it as
     * its `version`, and the product's and variant's figures it carries were read under
     * that lock, so a newer version always means newer figures (inventory/stock.ts).
     */
    stockVersion: int({ unsigned: true }).notNull().default(1),
    ...timestamps,
  },
  (t) => [
    // Catalog browsing: active products of a category, by name (a parent's subtree is one
    // range per category, merged: products/by-name.ts); and all by name.
    index('products_active_category_id_name_idx').on(t.active, t.categoryId, t.name),
    // A category's products whatever their state: its foreign key, a rename's copies, counts.
    index('products_category_id_idx').on(t.categoryId, t.active),
    index('products_active_name_idx').on(t.active, t.name),
    // The admin's stock list: every product, archived too, by name.
    index('products_name_idx').on(t.name),
    // Word search is `product_search_words` below (0007 dropped the FULLTEXT indexes).
  ],
);

/**
 * Product search's index: one row per distinct word (search-words.ts) of each product's
 * name, SKU and description, with the product's name, so a word's rows are read in the
 * lists' own order (name, id) from a keyset cursor and a page costs the same at any
 * catalog size (core/products/word-search.ts). Rewritten with the product by
 * admin.products.create/update and the seed. `word` is utf8mb4_bin in the migration
 * (0007): "café" and "cafe" are different words, and a prefix is a binary range; `name`
 * keeps the products' collation, so it sorts as `products.name` does.
 */
export const productSearchWords = mysqlTable(
  'product_search_words',
  {
    word: varchar({ length: SEARCH_WORD_LENGTH }).notNull(),
    name: varchar({ length: 200 }).notNull(),
    productId: ref()
      .notNull()
      .references(() => products.id),
  },
  (t) => [
    primaryKey({ columns: [t.word, t.name, t.productId] }),
    // A product's words: rewriting them, and checking a candidate for the other words.
    index('product_search_words_product_word_idx').on(t.productId, t.word),
  ],
);

/**
 * Every word `product_search_words` has held (utf8mb4_bin, as there): a prefix's distinct
 * words are a short range here, where the word table would have to skip through every
 * product of each word (neither MariaDB nor MySQL loose-scans a DISTINCT over a range).
 * Only ever added to: a word no product has any more is an empty range to the search.
 */
export const productSearchVocabulary = mysqlTable('product_search_vocabulary', {
  word: varchar({ length: SEARCH_WORD_LENGTH }).primaryKey(),
});

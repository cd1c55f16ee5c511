import {
  boolean,
  index,
  int,
  mysqlTable,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { id, ref, timestamps } from './columns';
import { products } from './products';

/** A product's options ("Size", "Colour"), in the order the shop shows them. */
export const productOptions = mysqlTable(
  'product_options',
  {
    id: id(),
    productId: ref()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    name: varchar({ length: 40 }).notNull(),
    position: int().notNull().default(0),
  },
  (t) => [uniqueIndex('product_options_product_name_uq').on(t.productId, t.name)],
);

/** The values of an option ("S", "M", "L"), in order. */
export const productOptionValues = mysqlTable(
  'product_option_values',
  {
    id: id(),
    optionId: ref()
      .notNull()
      .references(() => productOptions.id, { onDelete: 'cascade' }),
    value: varchar({ length: 40 }).notNull(),
    position: int().notNull().default(0),
  },
  (t) => [uniqueIndex('product_option_values_option_value_uq').on(t.optionId, t.value)],
);

/**
 * What is sold and stocked: every product has at least one (a simple product has one
 * default variant with the product's SKU and no options). Order lines, stock, the ledger,
 * restocks and events name the variant. `options` is the JSON object of option name →
 * value (`{"Size":"M","Colour":"Red"}`, `{}` for a default variant); `title` is its values
 * joined for display ("M / Red", "" for a default variant). Migration 0010 gave each
 * existing product one with the product's own id.
 */
export const variants = mysqlTable(
  'variants',
  {
    id: id(),
    productId: ref()
      .notNull()
      .references(() => products.id),
    sku: varchar({ length: 64 }).notNull().unique(),
    options: text().notNull(),
    title: varchar({ length: 200 }).notNull().default(''),
    priceCents: int({ unsigned: true }).notNull(),
    active: boolean().notNull().default(true),
    position: int().notNull().default(0),
    ...timestamps,
  },
  (t) => [index('variants_product_idx').on(t.productId, t.position, t.id)],
);

export type VariantRow = typeof variants.$inferSelect;

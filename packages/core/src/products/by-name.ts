import type { Database } from '@stockpulse/db';
import { products } from '@stockpulse/db/schema';
import { and, asc, eq, gt, inArray, or, type SQL } from 'drizzle-orm';
import type { MySqlSelect } from 'drizzle-orm/mysql-core';
import { matchingProductIds, type ProductKey } from './word-search';

export interface ByNameQuery {
  /** The list's filters, over `products` and the left-joined `inventory`. */
  conditions: (SQL | undefined)[];
  /** Words every product must have a word starting with, or null for no search. */
  terms: readonly string[] | null;
  /** Strictly after this (name, id): the keyset cursor. */
  cursor: ProductKey | undefined;
  limit: number;
}

/**
 * One keyset page of products by name then id (`select` is the list's own columns from
 * `productsWithStock`): the storefront's catalog and the console's products list both
 * read it. A search finds the
 * page's ids through the word index in this same order first (word-search.ts), so
 * neither list sorts more than a page. Answers up to `limit + 1` rows: one more than the
 * page says there is a next one.
 */
export async function productsByName<Q extends MySqlSelect>(
  db: Database,
  select: Q,
  { conditions, terms, cursor, limit }: ByNameQuery,
): Promise<Q['_']['result']> {
  const where = [...conditions];
  if (terms) {
    const ids = await matchingProductIds(db, {
      terms,
      after: cursor,
      count: limit + 1,
      accept: and(...conditions),
    });
    if (ids.length === 0) return [];
    where.push(inArray(products.id, ids));
  }
  if (cursor) {
    const { name, id } = cursor;
    where.push(or(gt(products.name, name), and(eq(products.name, name), gt(products.id, id))));
  }
  // A dynamic query's result type stays generic here; the caller's columns fix it.
  const rows: Q['_']['result'] = await select
    .where(and(...where))
    .orderBy(asc(products.name), asc(products.id))
    .limit(limit + 1);
  return rows;
}

/** Products with their stock row left-joined, as a list to finish with `productsByName`. */
export const productsWithStock = <T extends Parameters<Database['select']>[0]>(
  db: Database,
  columns: T,
) =>
  db
    .select(columns as NonNullable<T>)
    .from(products)
    .$dynamic();

import { products } from '@stockpulse/db/schema';
import { and, like, or, type SQL, sql } from 'drizzle-orm';
import { booleanPrefixQuery, splitTerms } from '../db/fulltext';

/** Products whose name or SKU has `term` anywhere (letters and digits only). */
const nameOrSkuContains = (term: string) =>
  or(like(products.name, `%${term}%`), like(products.sku, `%${term}%`));

/**
 * The staff's product search (the stock list, the products list): each word must start a
 * word of the name or of the SKU (`KIT-000` finds `KIT-00012`, `tea` finds "Listed
 * teapot"), through the FULLTEXT index `products_name_sku_ft`; words too short for the
 * index narrow those matches as substrings, and a text of such words only matches the
 * start of the SKU or of the name (their indexes). Null when the text has no letters or
 * digits: nothing matches.
 */
export function nameOrSkuSearch(text: string): SQL | null {
  const { indexed, others } = splitTerms(text);
  if (indexed.length > 0) {
    const match = sql`MATCH (${products.name}, ${products.sku}) AGAINST (${booleanPrefixQuery(indexed)} IN BOOLEAN MODE)`;
    return and(match, ...others.map(nameOrSkuContains)) ?? null;
  }
  const [first, ...rest] = others;
  if (first === undefined) return null;
  const prefix = `${first}%`;
  return (
    and(
      or(like(products.sku, prefix), like(products.name, prefix)),
      ...rest.map(nameOrSkuContains),
    ) ?? null
  );
}

import { products } from '@stockpulse/db/schema';
import { and, like, type SQL, sql } from 'drizzle-orm';
import { booleanPrefixQuery, isIndexable, isStopword, searchTerms } from '../db/fulltext';

export { searchTerms } from '../db/fulltext';

/**
 * Every word must appear: as a word prefix through the FULLTEXT index `products_search_ft`
 * (BOOLEAN MODE, `+word*`, over name and description), or, for a word too short for the
 * index, as a substring of the name. Stopwords are left out (the index has none of them),
 * unless the text has nothing else. Null when the text has no words at all.
 */
export function searchCondition(text: string): SQL | null {
  const all = searchTerms(text);
  const meaningful = all.filter((t) => !isStopword(t));
  const terms = meaningful.length > 0 ? meaningful : all;
  if (terms.length === 0) return null;
  const indexed = terms.filter(isIndexable);
  const others = terms.filter((t) => !indexed.includes(t));
  const conditions: SQL[] = [];
  if (indexed.length > 0) {
    conditions.push(
      sql`MATCH (${products.name}, ${products.description}) AGAINST (${booleanPrefixQuery(indexed)} IN BOOLEAN MODE)`,
    );
  }
  // Letters and digits only: no LIKE wildcard can be in `t`.
  for (const t of others) conditions.push(like(products.name, `%${t}%`));
  return and(...conditions) ?? null;
}

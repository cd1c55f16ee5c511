import { products } from '@stockpulse/db/schema';
import { and, like, type SQL, sql } from 'drizzle-orm';

/**
 * InnoDB's FULLTEXT index holds no word shorter than `innodb_ft_min_token_size` (3 by
 * default, MySQL and MariaDB alike) and none of its default stopwords, so a `+word*`
 * term for those could never match.
 */
const FULLTEXT_MIN_LENGTH = 3;
const STOPWORDS = new Set(
  'a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www'.split(
    ' ',
  ),
);
/** More words than this add nothing but work. */
const MAX_TERMS = 8;

/** The user's text as words: letters and digits only, so no FULLTEXT operator survives. */
export function searchTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * Every word must appear: as a word prefix through the FULLTEXT index `products_search_ft`
 * (BOOLEAN MODE, `+word*`, over name and description), or, for a word too short for the
 * index, as a substring of the name. Stopwords are left out (the index has none of them),
 * unless the text has nothing else. Null when the text has no words at all.
 */
export function searchCondition(text: string): SQL | null {
  const all = searchTerms(text);
  const meaningful = all.filter((t) => !STOPWORDS.has(t));
  const terms = meaningful.length > 0 ? meaningful : all;
  if (terms.length === 0) return null;
  const indexed = terms.filter((t) => t.length >= FULLTEXT_MIN_LENGTH && !STOPWORDS.has(t));
  const others = terms.filter((t) => !indexed.includes(t));
  const conditions: SQL[] = [];
  if (indexed.length > 0) {
    const query = indexed.map((t) => `+${t}*`).join(' ');
    conditions.push(
      sql`MATCH (${products.name}, ${products.description}) AGAINST (${query} IN BOOLEAN MODE)`,
    );
  }
  // Letters and digits only: no LIKE wildcard can be in `t`.
  for (const t of others) conditions.push(like(products.name, `%${t}%`));
  return and(...conditions) ?? null;
}

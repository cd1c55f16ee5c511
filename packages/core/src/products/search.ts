import { wordsOf } from '@stockpulse/db';
import { isStopword } from '../db/fulltext';

/** More words than this add nothing but work. */
const MAX_TERMS = 8;

/**
 * The user's text as search terms: its words by the rules the index is written with
 * (@stockpulse/db search-words.ts: letters and digits, lowercased, cut to the column), in
 * order, without repeats. Letters and digits only, so no LIKE wildcard survives.
 */
export function searchTerms(text: string): string[] {
  return [...new Set(wordsOf(text))].slice(0, MAX_TERMS);
}

/**
 * The staff's product search (the stock list, the products list): every word must start
 * a word of the name, the SKU or the description (`KIT-000` finds `KIT-00012`, `tea`
 * finds "Listed teapot"), stopwords and one-letter words included. Null when the text has
 * no letters or digits: nothing matches.
 */
export function staffSearchTerms(text: string): string[] | null {
  const terms = searchTerms(text);
  return terms.length > 0 ? terms : null;
}

/**
 * The storefront catalog's search terms: each must start a word of the product's name,
 * SKU or description (word-search.ts). Stopwords are left out ("mug for tea" is "mug"
 * and "tea": "for" starts a word of nearly every description), unless the text has
 * nothing else. Null when the text has no words at all: the list is not filtered.
 */
export function catalogSearchTerms(text: string): string[] | null {
  const all = searchTerms(text);
  const meaningful = all.filter((t) => !isStopword(t));
  const terms = meaningful.length > 0 ? meaningful : all;
  return terms.length > 0 ? terms : null;
}

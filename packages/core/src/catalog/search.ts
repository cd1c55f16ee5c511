import { isStopword } from '../db/fulltext';
import { searchTerms } from '../products/search';

export { searchTerms } from '../products/search';

/**
 * The catalog's search terms: each must start a word of the product's name, SKU or
 * description (products/word-search.ts). Stopwords are left out ("mug for tea" is "mug"
 * and "tea": "for" starts a word of nearly every description), unless the text has
 * nothing else. Null when the text has no words at all: the list is not filtered.
 */
export function catalogSearchTerms(text: string): string[] | null {
  const all = searchTerms(text);
  const meaningful = all.filter((t) => !isStopword(t));
  const terms = meaningful.length > 0 ? meaningful : all;
  return terms.length > 0 ? terms : null;
}

/**
 * What InnoDB's FULLTEXT indexes can find, for the search box that uses one (the
 * customers' `users_search_ft`; product search has its own word index since 0007, and
 * the catalog keeps only `isStopword` from here).
 *
 * InnoDB's FULLTEXT index holds no word shorter than `innodb_ft_min_token_size` (3 by
 * default, MySQL and MariaDB alike) and none of its default stopwords, so a `+word*`
 * term for those could never match: callers look such words up some other way.
 */
export const FULLTEXT_MIN_LENGTH = 3;

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

export const isStopword = (term: string) => STOPWORDS.has(term);

/** Whether the index can hold `term` at all. */
export const isIndexable = (term: string) =>
  term.length >= FULLTEXT_MIN_LENGTH && !STOPWORDS.has(term);

/**
 * The words of `text` split into those the index holds (`indexed`) and the rest. Words
 * are letters and digits only, so neither list can carry a LIKE wildcard or a FULLTEXT
 * operator.
 */
export function splitTerms(text: string): { indexed: string[]; others: string[] } {
  const terms = searchTerms(text);
  return { indexed: terms.filter(isIndexable), others: terms.filter((t) => !isIndexable(t)) };
}

/** Every word required, each as a word prefix: `+kett* +copper*` (for BOOLEAN MODE). */
export const booleanPrefixQuery = (terms: string[]) => terms.map((t) => `+${t}*`).join(' ');

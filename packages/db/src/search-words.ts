/**
 * What a "word" is for product search: the one definition, used by the seed, by
 * admin.products.create/update (core/products/words.ts) and by the search box. Migration
 * 0007 fills `product_search_words` for an existing shop with the same rules in SQL
 * (search-words.int.test.ts compares the two on awkward names).
 *
 * A word is a maximal run of letters and digits (Unicode `\p{L}` and `\p{N}`: "USB-C" is
 * "usb" and "c", "Café" is "café", "日本茶" is one word), lowercased code point by code
 * point (`İ` becomes `i`, as SQL's LOWER does, not JavaScript's `i̇`), then cut to
 * `SEARCH_WORD_LENGTH` code points. Accents are kept: "cafe" does not find "café".
 *
 * Where the SQL can differ: MariaDB's LOWER under utf8mb4_unicode_ci has Unicode 4.0's
 * case table and its REGEXP an older \p{L} than V8's, so for about 800 capitals added
 * since (`ẞ`, `Ꞌ`) and 5,500 newer letters (mostly outside the BMP) the migration's words
 * are not these; such a product's words are right once it is next saved.
 */
export const SEARCH_WORD_LENGTH = 32;

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * One code point lowercased to one code point, as SQL's LOWER does: where Unicode's
 * lowercase is longer (only `İ`, to `i` and a combining dot) its first code point.
 */
function lowerCodePoint(c: string): string {
  return String.fromCodePoint(c.toLowerCase().codePointAt(0)!);
}

const ASCII = /^[0-9A-Za-z]*$/;

function lower(word: string): string {
  // Code point by code point: `toLowerCase` of a whole word also applies the final sigma
  // rule ("ΟΔΟΣ" ends in ς), which SQL's LOWER does not. ASCII is the same either way.
  return ASCII.test(word) ? word.toLowerCase() : [...word].map(lowerCodePoint).join('');
}

/** The words of `text`, in order, repeats included. */
export function wordsOf(text: string): string[] {
  const words = text.match(WORD) ?? [];
  return words.map((w) => {
    const cut = [...lower(w)];
    return cut.length > SEARCH_WORD_LENGTH
      ? cut.slice(0, SEARCH_WORD_LENGTH).join('')
      : cut.join('');
  });
}

/** A product's distinct words: those of its name, its SKU and its description. */
export function productWords(product: {
  name: string;
  sku: string;
  description: string;
}): string[] {
  return [
    ...new Set([
      ...wordsOf(product.name),
      ...wordsOf(product.sku),
      ...wordsOf(product.description),
    ]),
  ];
}

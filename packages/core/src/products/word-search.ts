import { type Database, schema } from '@stockpulse/db';
import { and, type SQL, sql } from 'drizzle-orm';

const { products, productSearchWords: words, productSearchVocabulary } = schema;

/**
 * A prefix that starts more distinct words than this does not drive the search (see
 * `matchingProductIds`): reading that many word ranges per page costs more than reading
 * the catalog in name order and checking each product.
 */
export const MAX_PREFIX_WORDS = 32;

/** The largest batch per word range (batches double from the page size while filters reject). */
const MAX_BATCH = 1024;

export interface ProductKey {
  name: string;
  id: number;
}

export interface WordSearch {
  /** Every term must start one of the product's words (search-words.ts). */
  terms: readonly string[];
  /** Strictly after this (name, id): the list's keyset cursor. */
  after?: ProductKey | undefined;
  /** How many ids to find (the page size and one more, to know there is a next page). */
  count: number;
  /**
   * The list's other filters, over `products` (stock through correlated subqueries:
   * inventory/product-stock.ts).
   */
  accept?: SQL | undefined;
}

/** `term` starts a word of the product `productId` is: the index `(product_id, word)`. */
export const hasWordStarting = (productId: SQL | typeof products.id, term: string) =>
  // Terms are letters and digits only (searchTerms): no LIKE wildcard can be in `term`.
  sql`EXISTS (SELECT 1 FROM ${words} AS w2 WHERE w2.product_id = ${productId} AND w2.word LIKE ${`${term}%`})`;

/** Every term starts a word of the product: for lists not in name order (low stock). */
export const hasWordsStarting = (terms: readonly string[]) =>
  and(...terms.map((term) => hasWordStarting(products.id, term)))!;

/** Rows counted per term to pick the one that drives; counting costs that many index entries. */
const COUNT_CAP = 4096;

/** The distinct words `term` starts, in order, at most `MAX_PREFIX_WORDS + 1`. */
async function wordsStarting(db: Database, term: string): Promise<string[]> {
  const [rows] = (await db.execute(
    sql`SELECT word FROM ${productSearchVocabulary} WHERE word LIKE ${`${term}%`}
        ORDER BY word LIMIT ${MAX_PREFIX_WORDS + 1}`,
  )) as unknown as [{ word: string }[]];
  return rows.map((row) => String(row.word));
}

/** How many rows of the word index `term` starts, counting up to `COUNT_CAP`. */
async function rowsStarting(db: Database, term: string): Promise<number> {
  const [rows] = (await db.execute(
    sql`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${words} WHERE word LIKE ${`${term}%`}
        LIMIT ${COUNT_CAP}) AS w`,
  )) as unknown as [{ n: number }[]];
  return Number(rows[0]?.n ?? 0);
}

/**
 * The term to drive from and its words, or null when every term starts more than
 * `MAX_PREFIX_WORDS` words; `[]` for words when some term starts none (nothing matches).
 * Of several terms the one with the fewest rows (counted up to `COUNT_CAP`) drives:
 * "desk lamp" reads the 1,942 lamps and checks each for a desk word, not the 13,011
 * products whose description says "desk".
 */
async function chooseDriver(
  db: Database,
  terms: readonly string[],
): Promise<{ term: string; words: string[] } | null> {
  let best: { term: string; words: string[]; rows: number } | null = null;
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    const found = await wordsStarting(db, term);
    if (found.length === 0) return { term, words: [] };
    if (found.length > MAX_PREFIX_WORDS) continue;
    const rows = terms.length === 1 ? 0 : await rowsStarting(db, term);
    if (!best || rows < best.rows) best = { term, words: found, rows };
  }
  return best;
}

interface Candidate {
  source: string;
  name: string;
  id: number;
  ok: boolean;
}

const afterKey = (
  name: SQL | typeof products.name,
  id: SQL | typeof products.id,
  key?: ProductKey,
) =>
  key ? sql`(${name} > ${key.name} OR (${name} = ${key.name} AND ${id} > ${key.id}))` : sql`TRUE`;

/**
 * One batch: the first `batch` entries after `after` of each word's range of the primary
 * key `(word, name, product_id)`, merged in (name, id) order, each with whether the
 * product passes the filters and has the other terms. `source` says which range a row
 * came from (the word; '' for the catalog read in name order).
 */
async function readBatch(
  db: Database,
  driving: string[] | null,
  others: readonly string[],
  query: WordSearch,
  after: ProductKey | undefined,
  batch: number,
): Promise<Candidate[]> {
  const passes =
    and(query.accept, ...others.map((term) => hasWordStarting(sql`c.product_id`, term))) ??
    sql`TRUE`;
  let statement: SQL;
  if (driving) {
    const ranges = driving.map(
      (word) =>
        sql`(SELECT word, name, product_id FROM ${words}
             WHERE word = ${word} AND ${afterKey(sql`name`, sql`product_id`, after)}
             ORDER BY name, product_id LIMIT ${batch})`,
    );
    statement = sql`SELECT c.word AS source, c.name AS name, c.product_id AS id, (${passes}) AS ok
      FROM (${sql.join(ranges, sql` UNION ALL `)}) AS c
      JOIN ${products} ON ${products.id} = c.product_id
      ORDER BY c.name, c.product_id`;
  } else {
    // Every term checked per product, the catalog read in name order (`products_name_idx`).
    statement = sql`SELECT '' AS source, c.name AS name, c.product_id AS id, (${passes}) AS ok
      FROM (SELECT name, id AS product_id FROM ${products}
            WHERE ${afterKey(products.name, products.id, after)}
            ORDER BY name, id LIMIT ${batch}) AS c
      JOIN ${products} ON ${products.id} = c.product_id
      ORDER BY c.name, c.product_id`;
  }
  const [rows] = (await db.execute(statement)) as unknown as [
    { source: string; name: string; id: number; ok: unknown }[],
  ];
  return rows.map((r) => ({
    source: String(r.source),
    name: String(r.name),
    id: Number(r.id),
    ok: Number(r.ok) === 1,
  }));
}

/**
 * The ids of the first `count` products after `after`, in (name, id) order, that have a
 * word starting with every term and pass `accept`: the lists' own order, read from the
 * word index so a page costs about the same at any catalog size, however many products
 * share the word.
 *
 * One term drives (see `chooseDriver`; its prefix starts at most `MAX_PREFIX_WORDS`
 * distinct words): each of its words' ranges is read from the cursor, `batch` rows each, merged;
 * the other terms and the filters are checked per candidate. The merge is complete up to
 * the first range's last row (the frontier): past it a range not yet read could hold
 * products that sort earlier. So the page takes the passing candidates up to the
 * frontier, and when it is not full yet the next batch starts after the frontier, twice
 * as large. With no term under the cap (`m` alone starts hundreds of words) the catalog
 * is read in name order instead and every term checked per product: such prefixes match
 * much of the catalog, so a page fills fast.
 */
export async function matchingProductIds(db: Database, query: WordSearch): Promise<number[]> {
  if (query.terms.length === 0 || query.count <= 0) return [];
  const driver = await chooseDriver(db, query.terms);
  if (driver?.words.length === 0) return []; // no word starts with a term
  const driving = driver ? driver.words : null;
  const others = driver ? query.terms.filter((t) => t !== driver.term) : query.terms;

  const ids: number[] = [];
  let after = query.after;
  let batch = Math.min(query.count, MAX_BATCH);
  for (;;) {
    const rows = await readBatch(db, driving, others, query, after, batch);
    const read = new Map<string, number>();
    let frontier: ProductKey | undefined;
    let previous: number | undefined;
    for (const row of rows) {
      // The same product under two of the term's words ("mug", "mugs") comes twice, together.
      if (row.id !== previous && row.ok) {
        ids.push(row.id);
        if (ids.length === query.count) return ids;
      }
      previous = row.id;
      const n = (read.get(row.source) ?? 0) + 1;
      read.set(row.source, n);
      if (n === batch) {
        frontier = { name: row.name, id: row.id };
        break;
      }
    }
    if (!frontier) return ids; // every range ran out before its batch: nothing more matches
    after = frontier;
    batch = Math.min(batch * 2, MAX_BATCH);
  }
}

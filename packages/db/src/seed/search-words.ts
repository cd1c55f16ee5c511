import { productWords } from '../search-words';
import type { SeedContext } from './context';
import { SEED_TABLES } from './tables';

/**
 * The catalog's `product_search_words` rows (and `product_search_vocabulary`'s), collected while the products are generated
 * and written afterwards in (roughly) primary key order, word by word and within a word
 * by name: the primary key `(word, name, product_id)` stays during the load (only
 * secondary keys are deferred), and 2.5M rows inserted in product order would land at
 * random places in a tree larger than the buffer pool. JavaScript's order is close to
 * the collations' (binary words, names lowercased), which is all the speed needs:
 * the rows are the same in any order.
 */
export class SearchWordRows {
  private readonly names: string[] = [];
  private readonly byWord = new Map<string, number[]>();

  add(index: number, product: { name: string; sku: string; description: string }): void {
    this.names[index] = product.name;
    for (const word of productWords(product)) {
      const products = this.byWord.get(word);
      if (products) products.push(index);
      else this.byWord.set(word, [index]);
    }
  }

  /** Writes every row (`productId(i)` is `i + 1`), flushing as the writer fills. */
  async write(ctx: SeedContext, productId: (index: number) => number): Promise<void> {
    const lowered = this.names.map((name) => name.toLowerCase());
    const order = lowered.map((_, i) => i);
    order.sort((a, b) => (lowered[a]! < lowered[b]! ? -1 : lowered[a]! > lowered[b]! ? 1 : a - b));
    const rank = new Int32Array(order.length);
    order.forEach((index, r) => {
      rank[index] = r;
    });
    const words = [...this.byWord.keys()].sort();
    for (const word of words) {
      ctx.writer.add(SEED_TABLES.productSearchVocabulary, [word]);
      const products = this.byWord.get(word)!;
      products.sort((a, b) => rank[a]! - rank[b]!);
      for (const i of products) {
        ctx.writer.add(SEED_TABLES.productSearchWords, [word, this.names[i]!, productId(i)]);
      }
      if (ctx.writer.full) await ctx.writer.flush();
      this.byWord.delete(word);
    }
  }
}

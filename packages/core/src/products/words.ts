import { type Database, productWords, schema } from '@stockpulse/db';
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/transaction';

const { productSearchWords, productSearchVocabulary } = schema;

/**
 * Replaces a product's rows in `product_search_words` with the words of its name, SKU and
 * description now (search-words.ts), each carrying the name the lists sort by. Call it in
 * the transaction that writes the product, so search never sees old words or an old name.
 * New words join the vocabulary (INSERT IGNORE: most are there already).
 */
export async function writeProductWords(
  tx: Tx | Database,
  product: { id: number; name: string; sku: string; description: string },
): Promise<void> {
  await tx.delete(productSearchWords).where(eq(productSearchWords.productId, product.id));
  const words = productWords(product);
  if (words.length === 0) return;
  await tx
    .insert(productSearchVocabulary)
    .ignore()
    .values(words.map((word) => ({ word })));
  await tx
    .insert(productSearchWords)
    .values(words.map((word) => ({ word, name: product.name, productId: product.id })));
}

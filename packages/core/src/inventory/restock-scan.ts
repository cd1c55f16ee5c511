import type { Database } from '@stockpulse/db';
import { actorOf } from '../actors';
import { inTransaction } from '../db/transaction';
import { productsNeedingRestock, type RestockRow, requestRestockInTx } from './restock-lifecycle';

/**
 * The `scan` job: orders `reorder_quantity` of every active product whose inventory
 * position (available + incoming) is at or below its reorder point and that has no open
 * restock (DESIGN §4). One short transaction per product, each re-checking the condition
 * under the product's row lock, so scanners running at once never order a product twice.
 */
export async function scanForRestocks(
  db: Database,
  options: { leadTimeMs?: number; limit?: number } = {},
): Promise<RestockRow[]> {
  const candidates = await productsNeedingRestock(db, options.limit);
  const ordered: RestockRow[] = [];
  for (const { productId, quantity } of candidates) {
    const restock = await inTransaction(db, (tx) =>
      requestRestockInTx(
        tx,
        { productId, quantity, actor: actorOf('scheduler'), leadTimeMs: options.leadTimeMs },
        { onlyIfNeeded: true },
      ),
    );
    if (restock) ordered.push(restock);
  }
  return ordered;
}

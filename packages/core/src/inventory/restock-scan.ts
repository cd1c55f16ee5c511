import type { Database } from '@stockpulse/db';
import { actorOf } from '../actors';
import { inTransaction } from '../db/transaction';
import { productsNeedingRestock, type RestockRow, requestRestockInTx } from './restock-lifecycle';

/**
 * The `scan` job: orders `reorder_quantity` of every (variant, location) of an active
 * product whose inventory position (available + incoming) is at or below its reorder point
 * and that has no open restock (DESIGN §4, §11). One short transaction per row, each
 * re-checking the condition under the row's lock, so scanners running at once never order
 * a row twice.
 */
export async function scanForRestocks(
  db: Database,
  options: { leadTimeMs?: number; limit?: number } = {},
): Promise<RestockRow[]> {
  const candidates = await productsNeedingRestock(db, options.limit);
  const ordered: RestockRow[] = [];
  for (const { variantId, locationId, quantity } of candidates) {
    const restock = await inTransaction(db, (tx) =>
      requestRestockInTx(
        tx,
        {
          variantId,
          locationId,
          quantity,
          actor: actorOf('scheduler'),
          leadTimeMs: options.leadTimeMs,
        },
        { onlyIfNeeded: true },
      ),
    );
    if (restock) ordered.push(restock);
  }
  return ordered;
}

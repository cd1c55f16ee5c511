import { type Database, schema } from '@stockpulse/db';
import { DomainError } from '@stockpulse/shared';
import { eq, sql } from 'drizzle-orm';
import { actorOf } from '../actors';
import { inTransaction, type Tx } from '../db/transaction';
import { writeOutbox } from '../outbox/write';
import { checkStockPolicy, checkStockPosition } from './bounds';
import { inventoryChanged, moveStock, readInventory, StockConflict } from './stock';
import { getStock, type StockRow } from './stock-list';

async function requireStockRow(tx: Tx, productId: number, options: { lock?: boolean } = {}) {
  const [row] = await readInventory(tx, [productId], options);
  if (!row) throw new DomainError('NOT_FOUND', `Product ${productId} not found`);
  return row;
}

/**
 * Changes a product's on_hand by `delta` as admin `adminId` (DESIGN §4): one conditional
 * UPDATE through `moveStock` that never takes on_hand below what is reserved, an `adjust`
 * ledger row carrying the reason, and `inventory:changed` in the outbox, in one transaction.
 */
export async function adjustStock(
  db: Database,
  input: { adminId: number; productId: number; delta: number; reason: string },
): Promise<StockRow> {
  const { productId, delta } = input;
  await inTransaction(db, async (tx) => {
    // Locked, so two adjustments at once cannot both pass the bound on the same reading.
    const before = await requireStockRow(tx, productId, { lock: true });
    if (delta > 0) checkStockPosition(before, delta, 'an adjustment');
    try {
      const rows = await moveStock(tx, [{ productId, onHand: delta }], {
        reason: 'adjust',
        refType: 'admin',
        refId: input.adminId,
        actor: actorOf('admin', input.adminId),
        note: input.reason,
      });
      await writeOutbox(tx, rows.map(inventoryChanged));
    } catch (error) {
      if (!(error instanceof StockConflict)) throw error;
      // The row as the refused UPDATE saw it (it locked it, so this is the latest commit).
      const now = error.rows[0] ?? before;
      throw new DomainError(
        'STOCK_BELOW_RESERVED',
        `On hand cannot go below what is reserved: ${now.onHand} on hand, ${now.reserved} reserved, change ${delta}`,
        {
          productId,
          onHand: now.onHand,
          reserved: now.reserved,
          delta,
          smallestDelta: now.reserved - now.onHand,
        },
      );
    }
  });
  return (await getStock(db, productId))!;
}

/**
 * Sets a product's reorder point and quantity (no stock moves, so no ledger row); bumps
 * `version` and writes `inventory:changed`, in one transaction.
 */
export async function setStockPolicy(
  db: Database,
  input: { productId: number; reorderPoint: number; reorderQuantity: number },
): Promise<StockRow> {
  const { productId } = input;
  checkStockPolicy(input);
  await inTransaction(db, async (tx) => {
    const [result] = await tx
      .update(schema.inventory)
      .set({
        reorderPoint: input.reorderPoint,
        reorderQuantity: input.reorderQuantity,
        version: sql`${schema.inventory.version} + 1`,
        updatedAt: sql`UTC_TIMESTAMP(3)`,
      })
      .where(eq(schema.inventory.productId, productId));
    if (result.affectedRows !== 1) {
      throw new DomainError('NOT_FOUND', `Product ${productId} not found`);
    }
    const row = await requireStockRow(tx, productId);
    await writeOutbox(tx, [inventoryChanged(row)]);
  });
  return (await getStock(db, productId))!;
}

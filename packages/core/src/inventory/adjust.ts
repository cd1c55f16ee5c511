import { type Database, schema } from '@stockpulse/db';
import { DomainError, type StockState, type UnavailableState } from '@stockpulse/shared';
import { sql } from 'drizzle-orm';
import { actorOf } from '../actors';
import { inTransaction, type Tx } from '../db/transaction';
import { writeOutbox } from '../outbox/write';
import { checkStockPolicy, checkStockPosition } from './bounds';
import {
  bumpStockVersions,
  moveStock,
  readInventory,
  StockConflict,
  type StockDelta,
  type StockKey,
  stockEvents,
  stockKeysIn,
} from './stock';
import { resolveStockKey, type StockRef } from './stock-key';
import { getStock, type StockRow } from './stock-list';

async function requireStockRow(tx: Tx, key: StockKey, options: { lock?: boolean } = {}) {
  const [row] = await readInventory(tx, [key], options);
  if (!row) {
    throw new DomainError(
      'NOT_FOUND',
      `Variant ${key.variantId} has no stock row at location ${key.locationId}`,
    );
  }
  return row;
}

const STATE_COLUMNS = {
  damaged: 'damaged',
  quality_control: 'qualityControl',
  safety_stock: 'safetyStock',
} as const satisfies Record<UnavailableState, keyof StockDelta>;

/**
 * Changes a (variant, location)'s on_hand by `delta` as admin `adminId` (DESIGN §4, §11):
 * one conditional UPDATE through `moveStock` that never takes on_hand below what is
 * reserved and unavailable, an `adjust` ledger row carrying the reason, and
 * `inventory:changed` in the outbox, in one transaction.
 */
export async function adjustStock(
  db: Database,
  ref: StockRef & { adminId: number; delta: number; reason: string },
): Promise<StockRow> {
  const input = { ...ref, ...(await resolveStockKey(db, ref)) };
  const { variantId, locationId, delta } = input;
  await inTransaction(db, async (tx) => {
    // Locked, so two adjustments at once cannot both pass the bound on the same reading.
    const before = await requireStockRow(tx, input, { lock: true });
    if (delta > 0) checkStockPosition(before, delta, 'an adjustment');
    try {
      const moved = await moveStock(tx, [{ variantId, locationId, onHand: delta }], {
        reason: 'adjust',
        refType: 'admin',
        refId: input.adminId,
        actor: actorOf('admin', input.adminId),
        note: input.reason,
      });
      await writeOutbox(tx, moved.events);
    } catch (error) {
      if (!(error instanceof StockConflict)) throw error;
      // The row as the refused UPDATE saw it (it locked it, so this is the latest commit).
      const now = error.rows[0] ?? before;
      const held = now.reserved + now.damaged + now.qualityControl + now.safetyStock;
      throw new DomainError(
        'STOCK_BELOW_RESERVED',
        `On hand cannot go below what is reserved or set aside: ${now.onHand} on hand, ${now.reserved} reserved, ${held - now.reserved} unavailable, change ${delta}`,
        {
          productId: now.productId,
          variantId,
          locationId,
          onHand: now.onHand,
          reserved: now.reserved,
          unavailable: held - now.reserved,
          delta,
          smallestDelta: held - now.onHand,
        },
      );
    }
  });
  return (await getStock(db, input))!;
}

/**
 * Moves `quantity` units of a (variant, location) between available and an unavailable
 * state, or between two of those (DESIGN §11): on_hand stays, the states change, with a
 * `move` ledger row carrying the reason. STOCK_UNAVAILABLE when the source has too few.
 */
export async function moveBetweenStates(
  db: Database,
  ref: StockRef & {
    adminId: number;
    quantity: number;
    from: StockState;
    to: StockState;
    reason: string;
  },
): Promise<StockRow> {
  const input = { ...ref, ...(await resolveStockKey(db, ref)) };
  const { variantId, locationId, quantity, from, to } = input;
  if (from === to) {
    throw new DomainError('STOCK_UNAVAILABLE', `Stock cannot move from ${from} to itself`, {
      from,
      to,
    });
  }
  const delta: StockDelta = { variantId, locationId };
  if (from !== 'available') delta[STATE_COLUMNS[from]] = -quantity;
  if (to !== 'available') delta[STATE_COLUMNS[to]] = quantity;
  await inTransaction(db, async (tx) => {
    await requireStockRow(tx, input, { lock: true });
    try {
      const moved = await moveStock(tx, [delta], {
        reason: 'move',
        refType: 'admin',
        refId: input.adminId,
        actor: actorOf('admin', input.adminId),
        note: `${from} → ${to}: ${input.reason}`.slice(0, 255),
      });
      await writeOutbox(tx, moved.events);
    } catch (error) {
      if (!(error instanceof StockConflict)) throw error;
      const now = error.rows[0];
      const has = from === 'available' ? (now?.available ?? 0) : (now?.[STATE_COLUMNS[from]] ?? 0);
      throw new DomainError(
        'STOCK_UNAVAILABLE',
        `Only ${has} ${from.replace('_', ' ')} to move, not ${quantity}`,
        { variantId, locationId, from, to, quantity, has },
      );
    }
  });
  return (await getStock(db, input))!;
}

/**
 * Sets a (variant, location)'s reorder point and quantity (no stock moves, so no ledger
 * row); bumps `version` and writes `inventory:changed`, in one transaction.
 */
export async function setStockPolicy(
  db: Database,
  ref: StockRef & { reorderPoint: number; reorderQuantity: number },
): Promise<StockRow> {
  checkStockPolicy(ref);
  const input = { ...ref, ...(await resolveStockKey(db, ref)) };
  await inTransaction(db, async (tx) => {
    const [result] = await tx
      .update(schema.inventory)
      .set({
        reorderPoint: input.reorderPoint,
        reorderQuantity: input.reorderQuantity,
        version: sql`${schema.inventory.version} + 1`,
        updatedAt: sql`UTC_TIMESTAMP(3)`,
      })
      .where(stockKeysIn([input]));
    if (result.affectedRows !== 1) {
      throw new DomainError(
        'NOT_FOUND',
        `Variant ${input.variantId} has no stock row at location ${input.locationId}`,
      );
    }
    const row = await requireStockRow(tx, input);
    await bumpStockVersions(tx, [row.productId]);
    await writeOutbox(tx, await stockEvents(tx, [row.variantId]));
  });
  return (await getStock(db, input))!;
}

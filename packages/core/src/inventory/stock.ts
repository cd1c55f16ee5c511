import { type schema as dbSchema, schema } from '@stockpulse/db';
import type { InventoryChanged, MovementReason, MovementReference } from '@stockpulse/shared';
import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/transaction';
import type { OutboxEvent } from '../outbox/messages';

/** A change to one product's stock, as deltas. */
export interface StockDelta {
  productId: number;
  onHand?: number;
  reserved?: number;
  incoming?: number;
}

/** Why the stock moved: becomes the ledger row of each delta. */
export interface Movement {
  reason: MovementReason;
  refType: MovementReference;
  refId: number | null;
  actor: string;
  note?: string | null;
}

type InventoryRow = typeof dbSchema.inventory.$inferSelect;

/** `CASE product_id WHEN ? THEN ? … ELSE 0 END`: one delta column for every product. */
function deltaCase(deltas: StockDelta[], pick: (d: StockDelta) => number | undefined) {
  const whens = deltas.map((d) => sql`WHEN ${d.productId} THEN ${pick(d) ?? 0}`);
  return sql`(CASE product_id ${sql.join(whens, sql` `)} ELSE 0 END)`;
}

/**
 * Applies deltas to several products in ONE conditional UPDATE: every row changes, or the
 * UPDATE matches fewer rows than asked and the caller must roll back. The condition keeps
 * invariant 1 (0 ≤ reserved ≤ on_hand, incoming ≥ 0); InnoDB locks the rows in primary-key
 * order, so two transactions over the same products never deadlock on them. Returns how
 * many products changed; it does NOT write the ledger (see `moveStock`).
 */
export async function updateStock(tx: Tx, deltas: StockDelta[]): Promise<number> {
  if (deltas.length === 0) return 0;
  const sorted = [...deltas].sort((a, b) => a.productId - b.productId);
  const onHand = deltaCase(sorted, (d) => d.onHand);
  const reserved = deltaCase(sorted, (d) => d.reserved);
  const incoming = deltaCase(sorted, (d) => d.incoming);
  const ids = sorted.map((d) => d.productId);
  const [result] = await tx.execute(sql`
    UPDATE inventory SET
      on_hand = on_hand + ${onHand},
      reserved = reserved + ${reserved},
      incoming = incoming + ${incoming},
      version = version + 1,
      updated_at = UTC_TIMESTAMP(3)
    WHERE product_id IN (${sql.join(ids, sql`, `)})
      AND reserved + ${reserved} >= 0
      AND on_hand + ${onHand} >= reserved + ${reserved}
      AND incoming + ${incoming} >= 0`);
  return (result as unknown as { affectedRows: number }).affectedRows;
}

/** The ledger rows of `deltas`, one multi-row INSERT. */
export async function writeLedger(tx: Tx, deltas: StockDelta[], movement: Movement) {
  if (deltas.length === 0) return;
  await tx.insert(schema.stockMovements).values(
    deltas.map((d) => ({
      productId: d.productId,
      deltaOnHand: d.onHand ?? 0,
      deltaReserved: d.reserved ?? 0,
      deltaIncoming: d.incoming ?? 0,
      reason: movement.reason,
      refType: movement.refType,
      refId: movement.refId,
      actor: movement.actor,
      note: movement.note ?? null,
    })),
  );
}

/** The products' inventory rows; with `lock`, locked for update until the transaction ends. */
export async function readInventory(
  tx: Tx,
  productIds: number[],
  { lock = false }: { lock?: boolean } = {},
): Promise<InventoryRow[]> {
  if (productIds.length === 0) return [];
  const rows = tx
    .select()
    .from(schema.inventory)
    .where(inArray(schema.inventory.productId, productIds));
  return lock ? rows.for('update') : rows;
}

/** What watchers of a product are told: its stock after a change, and its version. */
export function stockLevels(row: InventoryRow): InventoryChanged {
  return {
    productId: row.productId,
    available: row.onHand - row.reserved,
    onHand: row.onHand,
    reserved: row.reserved,
    incoming: row.incoming,
    version: row.version,
  };
}

export function inventoryChanged(row: InventoryRow): OutboxEvent {
  return { kind: 'event', topic: 'inventory:changed', payload: stockLevels(row) };
}

/** Thrown by `moveStock` when a delta would break invariant 1; the transaction rolls back. */
export class StockConflict extends Error {
  override readonly name = 'StockConflict';
  constructor(readonly rows: InventoryRow[]) {
    super('the stock change would take a product below zero or below what is reserved');
  }
}

/**
 * The one way stock moves outside placement: the conditional UPDATE, its ledger rows,
 * and the rows after the change (for the `inventory:changed` events the caller writes
 * to the outbox with the rest of its transaction).
 */
export async function moveStock(
  tx: Tx,
  deltas: StockDelta[],
  movement: Movement,
): Promise<InventoryRow[]> {
  const changed = await updateStock(tx, deltas);
  const rows = await readInventory(
    tx,
    deltas.map((d) => d.productId),
  );
  if (changed !== deltas.length) throw new StockConflict(rows);
  await writeLedger(tx, deltas, movement);
  return rows;
}

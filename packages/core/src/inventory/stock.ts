import { type schema as dbSchema, schema } from '@stockpulse/db';
import type { InventoryChanged, MovementReason, MovementReference } from '@stockpulse/shared';
import { inArray, type SQL, sql } from 'drizzle-orm';
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

/** A statement as mysql2 sends it: text with `?` placeholders, and their values in order. */
export interface Statement {
  sql: string;
  params: number[];
}

const STOCK_COLUMNS = [
  ['onHand', 'on_hand'],
  ['reserved', 'reserved'],
  ['incoming', 'incoming'],
] as const;
type StockColumn = (typeof STOCK_COLUMNS)[number][0];

const stockUpdateSqlByShape = new Map<string, string>();

/**
 * THE stock UPDATE, for `updateStock` and for placement's reservation alike
 * (orders/placement/statements.ts sends it on its own connection): every product's
 * deltas in ONE conditional UPDATE. Every row changes, or fewer rows match than there are
 * deltas and the caller must roll back. The condition keeps invariant 1
 * (0 ≤ reserved ≤ on_hand, incoming ≥ 0), checking only the bounds these deltas move
 * towards (the table's CHECK guarantees the rest held before): a reservation is
 * `on_hand >= reserved + q` alone. InnoDB locks the rows in primary-key order, so two
 * transactions over the same products never deadlock on them. The text depends only on
 * how many deltas there are and which way each column moves, and is built once per shape.
 */
export function stockUpdate(deltas: readonly StockDelta[]): Statement {
  const sorted = [...deltas].sort((a, b) => a.productId - b.productId);
  const rises = new Set<StockColumn>();
  const falls = new Set<StockColumn>();
  for (const delta of sorted) {
    for (const [column] of STOCK_COLUMNS) {
      const value = delta[column] ?? 0;
      if (value > 0) rises.add(column);
      if (value < 0) falls.add(column);
    }
  }
  const moves = (column: StockColumn) => rises.has(column) || falls.has(column);
  const params: number[] = [];
  /** `column + (CASE product_id WHEN ? THEN ? … ELSE 0 END)`, or the bare column. */
  const after = (column: StockColumn, name: string) => {
    if (!moves(column)) return name;
    for (const delta of sorted) params.push(delta.productId, delta[column] ?? 0);
    return `${name} + ${caseOf(sorted.length)}`;
  };
  const set = STOCK_COLUMNS.filter(([column]) => moves(column)).map(
    ([column, name]) => `  ${name} = ${after(column, name)},\n`,
  );
  for (const delta of sorted) params.push(delta.productId);
  const where: string[] = [];
  if (falls.has('reserved')) where.push(`${after('reserved', 'reserved')} >= 0`);
  if (falls.has('onHand') || rises.has('reserved')) {
    where.push(`${after('onHand', 'on_hand')} >= ${after('reserved', 'reserved')}`);
  }
  if (falls.has('incoming')) where.push(`${after('incoming', 'incoming')} >= 0`);

  const directions = STOCK_COLUMNS.map(
    ([c]) => `${rises.has(c) ? '+' : ''}${falls.has(c) ? '-' : ''}`,
  );
  const shape = `${sorted.length}:${directions.join('/')}`;
  let text = stockUpdateSqlByShape.get(shape);
  if (text === undefined) {
    text = `UPDATE inventory SET
${set.join('')}  version = version + 1,
  updated_at = UTC_TIMESTAMP(3)
WHERE product_id IN (${Array(sorted.length).fill('?').join(', ')})${where.map((term) => `\n  AND ${term}`).join('')}`;
    stockUpdateSqlByShape.set(shape, text);
  }
  return { sql: text, params };
}

/** `(CASE product_id WHEN ? THEN ? … ELSE 0 END)`: one delta column for every product. */
function caseOf(products: number) {
  return `(CASE product_id${' WHEN ? THEN ?'.repeat(products)} ELSE 0 END)`;
}

/** A `Statement` as a Drizzle `sql` chunk (its `?`s are the only ones in its text). */
function asDrizzleSql({ sql: text, params }: Statement): SQL {
  const [head = '', ...rest] = text.split('?');
  return sql.join([sql.raw(head), ...rest.map((part, i) => sql`${params[i]}${sql.raw(part)}`)]);
}

/**
 * Applies deltas to several products in one conditional UPDATE (`stockUpdate`). Returns
 * how many products changed: fewer than `deltas.length` means some delta would break
 * invariant 1 and the caller must roll back. It does NOT write the ledger (see `moveStock`).
 */
export async function updateStock(tx: Tx, deltas: StockDelta[]): Promise<number> {
  if (deltas.length === 0) return 0;
  const [result] = await tx.execute(asDrizzleSql(stockUpdate(deltas)));
  return (result as unknown as { affectedRows: number }).affectedRows;
}

/**
 * One row of the stock ledger (`stock_movements`) but for what it refers to: THE
 * definition of a ledger row, for `writeLedger` and for placement alike (placement sends
 * these to `record_and_commit_order`, which gives them the id of the order it records).
 */
export interface LedgerEntry {
  productId: number;
  deltaOnHand: number;
  deltaReserved: number;
  deltaIncoming: number;
  reason: MovementReason;
  refType: MovementReference;
  actor: string;
  note: string | null;
}

/** A ledger row: an entry and the id of what it refers to. */
export interface LedgerRow extends LedgerEntry {
  refId: number | null;
}

/** The ledger entries of `deltas`, one per delta, in the deltas' order. */
export function ledgerEntries(
  deltas: readonly StockDelta[],
  movement: Omit<Movement, 'refId'>,
): LedgerEntry[] {
  return deltas.map((d) => ({
    productId: d.productId,
    deltaOnHand: d.onHand ?? 0,
    deltaReserved: d.reserved ?? 0,
    deltaIncoming: d.incoming ?? 0,
    reason: movement.reason,
    refType: movement.refType,
    actor: movement.actor,
    note: movement.note ?? null,
  }));
}

/** The ledger rows of `deltas` (`ledgerEntries` with the movement's `refId`). */
export function ledgerRows(deltas: readonly StockDelta[], movement: Movement): LedgerRow[] {
  return ledgerEntries(deltas, movement).map((entry) => ({ ...entry, refId: movement.refId }));
}

/** The ledger rows of `deltas`, one multi-row INSERT. */
export async function writeLedger(tx: Tx, deltas: StockDelta[], movement: Movement) {
  if (deltas.length === 0) return;
  await tx.insert(schema.stockMovements).values(ledgerRows(deltas, movement));
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

/**
 * What watchers of a product are told: its stock after a change, and its version. THE
 * definition of the `inventory:changed` payload: `record_and_commit_order` builds the same
 * object from the rows a placement locked (it cannot call TypeScript), and
 * orders/placement/one-write-model.int.test.ts pins the two together.
 */
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

// Placement moves stock with these same definitions on its own connection, in fewer round
// trips: `stockUpdate` for its reservation, `ledgerEntries` for its ledger rows, and the
// procedure's copy of `stockLevels` (orders/placement/statements.ts).

/**
 * The one way stock moves in a Drizzle transaction: the conditional UPDATE, its ledger rows,
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

import { type schema as dbSchema, schema } from '@stockpulse/db';
import type { InventoryChanged, MovementReason, MovementReference } from '@stockpulse/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/transaction';
import type { OutboxEvent } from '../outbox/messages';

/** One inventory row: a variant at a location (DESIGN §11). */
export interface StockKey {
  variantId: number;
  locationId: number;
}

/** A change to one (variant, location)'s stock, as deltas. */
export interface StockDelta extends StockKey {
  onHand?: number;
  reserved?: number;
  incoming?: number;
  damaged?: number;
  qualityControl?: number;
  safetyStock?: number;
}

/** Why the stock moved: becomes the ledger row of each delta. */
export interface Movement {
  reason: MovementReason;
  refType: MovementReference;
  refId: number | null;
  actor: string;
  note?: string | null;
}

export type InventoryRow = typeof dbSchema.inventory.$inferSelect;

/** A statement as mysql2 sends it: text with `?` placeholders, and their values in order. */
export interface Statement {
  sql: string;
  params: number[];
}

const STOCK_COLUMNS = [
  ['onHand', 'on_hand'],
  ['reserved', 'reserved'],
  ['incoming', 'incoming'],
  ['damaged', 'damaged'],
  ['qualityControl', 'quality_control'],
  ['safetyStock', 'safety_stock'],
] as const;
type StockColumn = (typeof STOCK_COLUMNS)[number][0];
/** The columns that are on hand but not available: reserved and the unavailable states. */
const HELD: readonly StockColumn[] = ['reserved', 'damaged', 'qualityControl', 'safetyStock'];

/** (variant, location) order: the order every stock change locks its rows in. */
export const byStockKey = (a: StockKey, b: StockKey) =>
  a.variantId - b.variantId || a.locationId - b.locationId;

const stockUpdateSqlByShape = new Map<string, string>();

/**
 * THE stock UPDATE, for `updateStock` and for placement's reservation alike
 * (orders/placement/statements.ts sends it on its own connection): every row's deltas in
 * ONE conditional UPDATE. Every row changes, or fewer rows match than there are deltas and
 * the caller must roll back. The condition keeps invariant 1 (every column ≥ 0, reserved +
 * unavailable ≤ on_hand), checking only the bounds these deltas move towards (the table's
 * CHECK guarantees the rest held before): a reservation is `available ≥ q` alone. The rows
 * are read through the primary key, so InnoDB locks them in (variant, location) order and
 * two transactions over the same rows never deadlock on them. The text depends only on how
 * many deltas there are and which way each column moves, and is built once per shape.
 */
export function stockUpdate(deltas: readonly StockDelta[]): Statement {
  const sorted = [...deltas].sort(byStockKey);
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
  /** `column + (CASE WHEN variant_id = ? AND location_id = ? THEN ? … ELSE 0 END)`. */
  const after = (column: StockColumn) => {
    const name = STOCK_COLUMNS.find(([c]) => c === column)![1];
    if (!moves(column)) return name;
    for (const delta of sorted) params.push(delta.variantId, delta.locationId, delta[column] ?? 0);
    return `${name} + ${caseOf(sorted.length)}`;
  };
  const set = STOCK_COLUMNS.filter(([column]) => moves(column)).map(
    ([column, name]) => `  ${name} = ${after(column)},\n`,
  );
  for (const delta of sorted) params.push(delta.variantId, delta.locationId);
  const where: string[] = [];
  for (const [column] of STOCK_COLUMNS) {
    if (column !== 'onHand' && falls.has(column)) where.push(`${after(column)} >= 0`);
  }
  if (falls.has('onHand') || HELD.some((column) => rises.has(column))) {
    where.push(`${after('onHand')} >= ${HELD.map(after).join(' + ')}`);
  }

  const directions = STOCK_COLUMNS.map(
    ([c]) => `${rises.has(c) ? '+' : ''}${falls.has(c) ? '-' : ''}`,
  );
  const shape = `${sorted.length}:${directions.join('/')}`;
  let text = stockUpdateSqlByShape.get(shape);
  if (text === undefined) {
    text = `UPDATE inventory FORCE INDEX (PRIMARY) SET
${set.join('')}  version = version + 1,
  updated_at = UTC_TIMESTAMP(3)
WHERE (variant_id, location_id) IN (${Array(sorted.length).fill('(?, ?)').join(', ')})${where.map((term) => `\n  AND ${term}`).join('')}`;
    stockUpdateSqlByShape.set(shape, text);
  }
  return { sql: text, params };
}

/** `(CASE WHEN variant_id = ? AND location_id = ? THEN ? … ELSE 0 END)`: one delta per row. */
function caseOf(rows: number) {
  return `(CASE${' WHEN variant_id = ? AND location_id = ? THEN ?'.repeat(rows)} ELSE 0 END)`;
}

/** A `Statement` as a Drizzle `sql` chunk (its `?`s are the only ones in its text). */
function asDrizzleSql({ sql: text, params }: Statement): SQL {
  const [head = '', ...rest] = text.split('?');
  return sql.join([sql.raw(head), ...rest.map((part, i) => sql`${params[i]}${sql.raw(part)}`)]);
}

/**
 * Applies deltas to several rows in one conditional UPDATE (`stockUpdate`). Returns how
 * many rows changed: fewer than `deltas.length` means some delta would break invariant 1
 * and the caller must roll back. It does NOT write the ledger (see `moveStock`).
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
export interface LedgerEntry extends StockKey {
  deltaOnHand: number;
  deltaReserved: number;
  deltaIncoming: number;
  deltaDamaged: number;
  deltaQualityControl: number;
  deltaSafetyStock: number;
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
    variantId: d.variantId,
    locationId: d.locationId,
    deltaOnHand: d.onHand ?? 0,
    deltaReserved: d.reserved ?? 0,
    deltaIncoming: d.incoming ?? 0,
    deltaDamaged: d.damaged ?? 0,
    deltaQualityControl: d.qualityControl ?? 0,
    deltaSafetyStock: d.safetyStock ?? 0,
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

/** `(variant_id, location_id) IN ((?, ?), …)` for these keys (through the primary key). */
export function stockKeysIn(keys: readonly StockKey[]): SQL {
  return sql`(${schema.inventory.variantId}, ${schema.inventory.locationId}) IN (${sql.join(
    keys.map((key) => sql`(${key.variantId}, ${key.locationId})`),
    sql`, `,
  )})`;
}

/** These rows; with `lock`, locked for update (in key order) until the transaction ends. */
export async function readInventory(
  tx: Tx,
  keys: readonly StockKey[],
  { lock = false }: { lock?: boolean } = {},
): Promise<InventoryRow[]> {
  if (keys.length === 0) return [];
  const rows = tx
    .select()
    .from(schema.inventory, { forceIndex: 'PRIMARY' })
    .where(stockKeysIn(keys))
    .orderBy(schema.inventory.variantId, schema.inventory.locationId);
  return lock ? rows.for('update') : rows;
}

/**
 * Takes the products' stock lock (`products.stock_version` + 1) after their inventory rows:
 * every stock change does, so the `inventory:changed` payloads read after it in the same
 * transaction see every change committed before it and none committed after
 * (migrations/0011). Products in id order, as `record_and_commit_order` does.
 */
export async function bumpStockVersions(tx: Tx, productIds: readonly number[]): Promise<void> {
  const ids = [...new Set(productIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  await tx.execute(
    sql`UPDATE products SET stock_version = stock_version + 1 WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) ORDER BY id`,
  );
}

/**
 * What watchers of the variants are told: THE `inventory:changed` payload, built by the
 * database function `inventory_changed_payload` (migrations/0011), which placement's
 * procedure calls as well, so the two cannot drift. Call it after `bumpStockVersions`.
 */
export async function stockEvents(tx: Tx, variantIds: readonly number[]): Promise<OutboxEvent[]> {
  const ids = [...new Set(variantIds)].sort((a, b) => a - b);
  if (ids.length === 0) return [];
  const [rows] = (await tx.execute(
    sql`SELECT inventory_changed_payload(id) AS payload FROM variants WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) ORDER BY id`,
  )) as unknown as [{ payload: string }[]];
  return rows.map((row) => ({
    kind: 'event',
    topic: 'inventory:changed',
    payload: JSON.parse(row.payload) as InventoryChanged,
  }));
}

/** Thrown by `moveStock` when a delta would break invariant 1; the transaction rolls back. */
export class StockConflict extends Error {
  override readonly name = 'StockConflict';
  constructor(readonly rows: InventoryRow[]) {
    super('the stock change would take a row below zero or below what is held');
  }
}

/** What `moveStock` leaves: the rows after the change, and the events that tell of it. */
export interface StockMoved {
  rows: InventoryRow[];
  events: OutboxEvent[];
}

/**
 * The one way stock moves in a Drizzle transaction: the conditional UPDATE, its ledger
 * rows, the products' stock lock, and the rows and `inventory:changed` events after the
 * change (which the caller writes to the outbox with the rest of its transaction).
 * Placement does the same on its own connection in fewer round trips: `stockUpdate`,
 * `ledgerEntries`, and the procedure's stock lock and payloads.
 */
export async function moveStock(
  tx: Tx,
  deltas: StockDelta[],
  movement: Movement,
): Promise<StockMoved> {
  const changed = await updateStock(tx, deltas);
  const rows = await readInventory(tx, deltas);
  if (changed !== deltas.length) throw new StockConflict(rows);
  await writeLedger(tx, deltas, movement);
  await bumpStockVersions(
    tx,
    rows.map((row) => row.productId),
  );
  return {
    rows,
    events: await stockEvents(
      tx,
      deltas.map((d) => d.variantId),
    ),
  };
}

import { type Database, schema } from '@stockpulse/db';
import {
  DomainError,
  JOBS,
  OPEN_RESTOCK_STATUSES,
  QUEUES,
  type RestockStatus,
  type RestockUpdated,
  restockReceiveJobId,
} from '@stockpulse/shared';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { actorOf } from '../actors';
import { inTransaction, type Tx } from '../db/transaction';
import { writeOutbox } from '../outbox/write';
import { checkStockPosition, fitsStockPosition } from './bounds';
import { bumpStockVersions, moveStock, readInventory, type StockKey } from './stock';
import { resolveStockKey, type StockRef } from './stock-key';

/** How long the simulated supplier takes to deliver, unless the caller says otherwise. */
export const DEFAULT_RESTOCK_LEAD_TIME_MS = 20_000;
export const MAX_RESTOCK_QUANTITY = 1_000_000;

export interface RequestRestock extends StockKey {
  quantity: number;
  /** `actorOf('scheduler')` or `actorOf('admin', id)`. */
  actor: string;
  leadTimeMs?: number;
}

export interface RestockRow extends StockKey {
  id: number;
  productId: number;
  quantity: number;
  status: RestockStatus;
  eta: Date | null;
}

function restockUpdated(row: RestockRow, at: Date): RestockUpdated {
  return {
    id: row.id,
    productId: row.productId,
    variantId: row.variantId,
    locationId: row.locationId,
    quantity: row.quantity,
    status: row.status,
    eta: row.eta?.toISOString() ?? null,
    at: at.toISOString(),
  };
}

/**
 * Takes the (variant, location)'s inventory row lock first. Every restock transaction does
 * so before touching `restocks`, so two of them on one row queue up instead of deadlocking.
 */
async function lockInventory(tx: Tx, key: StockKey) {
  const [row] = await readInventory(tx, [key], { lock: true });
  return row;
}

async function hasOpenRestock(tx: Tx, key: StockKey): Promise<boolean> {
  const open = await tx
    .select({ id: schema.restocks.id })
    .from(schema.restocks)
    .where(
      and(
        eq(schema.restocks.variantId, key.variantId),
        eq(schema.restocks.locationId, key.locationId),
        inArray(schema.restocks.status, [...OPEN_RESTOCK_STATUSES]),
      ),
    )
    .limit(1)
    .for('update');
  return open.length > 0;
}

/**
 * Orders stock from the supplier inside `tx`: the restock (confirmed at once, so it starts
 * `in_transit` with its eta), `incoming += quantity` with its ledger row, the outbox events
 * and the delayed `receive` job. With `onlyIfNeeded`, it first re-checks under the row lock
 * that the product is still at or below its reorder point with no open restock, and returns
 * null otherwise: two scanners racing order a product once. A restock that would take
 * on_hand + incoming past MAX_STOCK_POSITION is refused (STOCK_LIMIT), nothing written.
 */
export async function requestRestockInTx(
  tx: Tx,
  input: RequestRestock,
  options: { onlyIfNeeded?: boolean } = {},
): Promise<RestockRow | null> {
  const { variantId, locationId, quantity, actor } = input;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_RESTOCK_QUANTITY) {
    throw new RangeError(`restock quantity must be 1–${MAX_RESTOCK_QUANTITY}, not ${quantity}`);
  }
  const stock = await lockInventory(tx, input);
  if (!stock) {
    throw new DomainError(
      'NOT_FOUND',
      `Variant ${variantId} has no stock row at location ${locationId}`,
    );
  }
  const { productId } = stock;
  if (options.onlyIfNeeded) {
    if ((stock.restockGap ?? 0) > 0 || stock.reorderPoint === 0) return null;
    if (await hasOpenRestock(tx, input)) return null;
    // Archived between the scan and this lock: nothing more is ordered for it.
    const [product] = await tx
      .select({ active: schema.products.active })
      .from(schema.products)
      .where(eq(schema.products.id, productId));
    if (!product?.active) return null;
    // Ordering more would pass the most a product may hold and have on order: the
    // scheduler leaves it be (the scan goes on to the next product) rather than fail.
    if (!fitsStockPosition(stock, quantity)) return null;
  }
  checkStockPosition(stock, quantity, 'a restock');
  // The product's stock lock before the restock's insert, whose foreign-key check takes a
  // shared lock on the product: holding that, then asking for the stock lock, would
  // deadlock with a placement of another of its variants waiting for the same.
  await bumpStockVersions(tx, [productId]);
  const now = new Date();
  const leadTimeMs = input.leadTimeMs ?? DEFAULT_RESTOCK_LEAD_TIME_MS;
  const eta = new Date(now.getTime() + leadTimeMs);
  const [inserted] = await tx.insert(schema.restocks).values({
    productId,
    variantId,
    locationId,
    quantity,
    status: 'in_transit',
    requestedBy: actor,
    eta,
    createdAt: now,
    updatedAt: now,
  });
  const restock: RestockRow = {
    id: inserted.insertId,
    productId,
    variantId,
    locationId,
    quantity,
    status: 'in_transit',
    eta,
  };
  const moved = await moveStock(tx, [{ variantId, locationId, incoming: quantity }], {
    reason: 'restock_order',
    refType: 'restock',
    refId: restock.id,
    actor,
  });
  await writeOutbox(tx, [
    { kind: 'event', topic: 'restock:updated', payload: restockUpdated(restock, now) },
    ...moved.events,
    {
      kind: 'job',
      topic: QUEUES.restock,
      payload: {
        name: JOBS.restock.receive,
        jobId: restockReceiveJobId(restock.id),
        data: { restockId: restock.id },
        delayMs: leadTimeMs,
      },
    },
  ]);
  return restock;
}

/**
 * An admin's (or the scheduler's) purchase order; see `requestRestockInTx`. The row may
 * be named as a simple product (`productId`) at the default location.
 */
export async function requestRestock(
  db: Database,
  ref: StockRef & Omit<RequestRestock, keyof StockKey>,
): Promise<RestockRow> {
  const input = { ...ref, ...(await resolveStockKey(db, ref)) };
  const restock = await inTransaction(db, (tx) => requestRestockInTx(tx, input));
  if (!restock) throw new Error('unreachable: an unconditional restock always happens');
  return restock;
}

/**
 * Ends an open restock: `received` adds it to the shelf (`on_hand += q, incoming -= q`,
 * ledger `restock_receive`), `cancelled` drops it (`incoming -= q`, `restock_cancel`).
 * Guarded by the status (`WHERE status IN (open)`), so a second delivery of the same job,
 * or a receipt after a cancel, does nothing and returns null.
 */
async function closeRestock(
  db: Database,
  restockId: number,
  to: 'received' | 'cancelled',
  actor: string,
): Promise<RestockRow | null> {
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(schema.restocks)
      .where(eq(schema.restocks.id, restockId));
    if (!before) throw new DomainError('NOT_FOUND', `Restock ${restockId} not found`);
    await lockInventory(tx, before);
    const now = new Date();
    const [updated] = await tx
      .update(schema.restocks)
      .set({ status: to, updatedAt: now, ...(to === 'received' ? { receivedAt: now } : {}) })
      .where(
        and(
          eq(schema.restocks.id, restockId),
          inArray(schema.restocks.status, [...OPEN_RESTOCK_STATUSES]),
        ),
      );
    if (updated.affectedRows !== 1) return null;
    const q = before.quantity;
    const moved = await moveStock(
      tx,
      [
        {
          variantId: before.variantId,
          locationId: before.locationId,
          incoming: -q,
          ...(to === 'received' ? { onHand: q } : {}),
        },
      ],
      {
        reason: to === 'received' ? 'restock_receive' : 'restock_cancel',
        refType: 'restock',
        refId: restockId,
        actor,
      },
    );
    const restock: RestockRow = { ...before, status: to };
    await writeOutbox(tx, [
      { kind: 'event', topic: 'restock:updated', payload: restockUpdated(restock, now) },
      ...moved.events,
    ]);
    return restock;
  });
}

/** The supplier delivered (the delayed `receive` job). Null when it was not in transit. */
export const receiveRestock = (
  db: Database,
  restockId: number,
  actor: string = actorOf('worker'),
) => closeRestock(db, restockId, 'received', actor);

/** Calls an open restock off. Null when it was already received or cancelled. */
export const cancelRestock = (db: Database, restockId: number, actor: string) =>
  closeRestock(db, restockId, 'cancelled', actor);

/**
 * Restocks still `in_transit` more than `graceMs` after their eta: the delivery happened
 * (the simulated supplier is never late), so only its `receive` job can be missing or
 * failed for good. The sweeper receives these itself.
 */
export async function overdueRestocks(db: Database, graceMs: number, limit = 100) {
  const rows = await db
    .select({ id: schema.restocks.id })
    .from(schema.restocks)
    .where(
      and(
        eq(schema.restocks.status, 'in_transit'),
        lt(schema.restocks.eta, new Date(Date.now() - graceMs)),
      ),
    )
    .orderBy(schema.restocks.eta)
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * (Variant, location) rows that need a restock now: at or below their reorder point, the
 * product sold and the location active, none open for the row.
 */
export async function productsNeedingRestock(db: Database, limit = 500) {
  const { inventory, products, locations } = schema;
  return db
    .select({
      productId: inventory.productId,
      variantId: inventory.variantId,
      locationId: inventory.locationId,
      quantity: inventory.reorderQuantity,
    })
    .from(inventory)
    .innerJoin(products, eq(products.id, inventory.productId))
    .innerJoin(locations, eq(locations.id, inventory.locationId))
    .where(
      and(
        sql`${inventory.restockGap} <= 0`,
        // A reorder point of 0: not reordered automatically (a location that does not stock it).
        sql`${inventory.reorderPoint} > 0`,
        eq(products.active, true),
        eq(locations.active, true),
        sql`NOT EXISTS (SELECT 1 FROM ${schema.restocks} r WHERE r.variant_id = ${inventory.variantId}
          AND r.location_id = ${inventory.locationId} AND r.status IN ('requested', 'in_transit'))`,
      ),
    )
    .orderBy(inventory.variantId, inventory.locationId)
    .limit(limit);
}

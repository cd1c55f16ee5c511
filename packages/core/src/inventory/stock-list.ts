import { type Database, schema } from '@stockpulse/db';
import { OPEN_RESTOCK_STATUSES, type RestockStatus } from '@stockpulse/shared';
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import { withActorNames } from '../actors/names';
import { decodeCursor, encodeCursor, pageOf } from '../paging';
import { staffSearchTerms } from '../products/search';
import { hasWordsStarting, matchingProductIds } from '../products/word-search';

const { products, inventory, restocks } = schema;

export interface OpenRestock {
  id: number;
  quantity: number;
  status: RestockStatus;
  eta: Date | null;
  createdAt: Date;
}

export interface StockRow {
  productId: number;
  sku: string;
  name: string;
  category: string;
  active: boolean;
  onHand: number;
  reserved: number;
  available: number;
  incoming: number;
  reorderPoint: number;
  reorderQuantity: number;
  /** Inventory position minus reorder point: at or below zero means "needs a restock". */
  restockGap: number;
  version: number;
  updatedAt: Date;
  /** The newest open restock (requested or in transit), if any. */
  openRestock: OpenRestock | null;
}

/** Low stock pages by (available, id): sold out first; the rest by (name, id). */
export type StockCursor =
  | { lowStockOnly: true; available: number; id: number }
  | { lowStockOnly: false; name: string; id: number };

export interface StockQuery {
  lowStockOnly?: boolean | undefined;
  /** Words that start words of the name, the SKU or the description. */
  search?: string | undefined;
  cursor?: StockCursor | undefined;
  limit: number;
}

export function decodeStockCursor(text: string, lowStockOnly: boolean): StockCursor | null {
  if (lowStockOnly) {
    const keys = decodeCursor(text, 'low', ['int', 'int']);
    return keys ? { lowStockOnly, available: keys[0] as number, id: keys[1] as number } : null;
  }
  const keys = decodeCursor(text, 'name', ['string', 'int']);
  return keys ? { lowStockOnly, name: keys[0] as string, id: keys[1] as number } : null;
}

const columns = {
  productId: products.id,
  sku: products.sku,
  name: products.name,
  category: products.category,
  active: products.active,
  onHand: inventory.onHand,
  reserved: inventory.reserved,
  incoming: inventory.incoming,
  reorderPoint: inventory.reorderPoint,
  reorderQuantity: inventory.reorderQuantity,
  version: inventory.version,
  updatedAt: inventory.updatedAt,
};

type Selected = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] };

function toStockRow(row: Selected, openRestock: OpenRestock | null): StockRow {
  const available = row.onHand - row.reserved;
  return {
    ...row,
    available,
    restockGap: available + row.incoming - row.reorderPoint,
    openRestock,
  };
}

/** The newest open restock of each product among `productIds` (index `restocks (product_id, status)`). */
async function openRestocks(db: Database, productIds: number[]) {
  const open = new Map<number, OpenRestock>();
  if (productIds.length === 0) return open;
  const rows = await db
    .select({
      productId: restocks.productId,
      id: restocks.id,
      quantity: restocks.quantity,
      status: restocks.status,
      eta: restocks.eta,
      createdAt: restocks.createdAt,
    })
    .from(restocks)
    .where(
      and(inArray(restocks.productId, productIds), inArray(restocks.status, OPEN_RESTOCK_STATUSES)),
    )
    .orderBy(asc(restocks.id));
  for (const { productId, ...restock } of rows) open.set(productId, restock);
  return open;
}

/**
 * Stock for the console, archived products included. `lowStockOnly` keeps what an operator
 * calls low: sold out, or available at or below the reorder point whatever is on order
 * (lowStock below). Otherwise the page is a range of `products (name)`; a search finds the
 * page's ids through the word index in that same order (products/word-search.ts).
 */
export async function listStock(db: Database, query: StockQuery) {
  const conditions: (SQL | undefined)[] = [];
  const cursor = query.cursor;
  if (query.search) {
    const terms = staffSearchTerms(query.search);
    if (!terms) return { items: [], nextCursor: null };
    if (query.lowStockOnly) {
      conditions.push(hasWordsStarting(terms));
    } else {
      const ids = await matchingProductIds(db, {
        terms,
        after: cursor && !cursor.lowStockOnly ? cursor : undefined,
        count: query.limit + 1,
        // This list is of inventory rows.
        accept: isNotNull(inventory.productId),
      });
      if (ids.length === 0) return { items: [], nextCursor: null };
      conditions.push(inArray(products.id, ids));
    }
  }
  if (query.lowStockOnly) {
    if (cursor?.lowStockOnly)
      conditions.push(after(inventory.available, cursor.available, cursor.id));
    const rows = await lowStock(db, conditions, query.limit + 1);
    return withOpenRestocks(db, query.limit, rows, (last) =>
      encodeCursor('low', [last.available, last.productId]),
    );
  }
  if (cursor && !cursor.lowStockOnly) conditions.push(after(products.name, cursor.name, cursor.id));
  const rows = await db
    .select(columns)
    .from(inventory)
    .innerJoin(products, eq(products.id, inventory.productId))
    .where(and(...conditions))
    .orderBy(asc(products.name), asc(products.id))
    .limit(query.limit + 1);
  return withOpenRestocks(db, query.limit, rows, (last) =>
    encodeCursor('name', [last.name, last.productId]),
  );
}

/** Rows past a keyset position `(key, product id)`. */
function after<T extends string | number>(key: MySqlColumn, value: T, id: number) {
  return or(gt(key, value), and(eq(key, value), gt(inventory.productId, id)));
}

/** A page of rows with each one's open restock, and the cursor after its last row. */
async function withOpenRestocks(
  db: Database,
  limit: number,
  rows: Selected[],
  cursorOf: (last: StockRow) => string,
) {
  const open = await openRestocks(
    db,
    rows.slice(0, limit).map((row) => row.productId),
  );
  const items = rows.map((row) => toStockRow(row, open.get(row.productId) ?? null));
  return pageOf(items, limit, cursorOf);
}

/**
 * The products an operator must hear about, `count` of them by (available, id): sold out
 * first. The restock rule counts stock on order (`restock_gap` = available + incoming -
 * reorder point), which is right for ordering more but hides a product that is sold out
 * while its restock travels. So two indexed reads, merged: `restock_gap <= 0` (a range of
 * its index), and the products with an open restock (`restocks (status)`, few) whose
 * incoming lifts them above that line while what can be sold is at or below the point.
 */
async function lowStock(db: Database, conditions: (SQL | undefined)[], count: number) {
  const read = (...only: SQL[]) =>
    db
      .select(columns)
      .from(inventory)
      .innerJoin(products, eq(products.id, inventory.productId))
      .where(and(...conditions, ...only))
      .orderBy(asc(inventory.available), asc(inventory.productId))
      .limit(count);
  const onOrder = db
    .select({ productId: restocks.productId })
    .from(restocks)
    .where(inArray(restocks.status, OPEN_RESTOCK_STATUSES));
  const [belowRule, hiddenByIncoming] = await Promise.all([
    read(lte(inventory.restockGap, 0)),
    read(
      gt(inventory.restockGap, 0),
      lte(inventory.available, inventory.reorderPoint),
      inArray(inventory.productId, onOrder),
    ),
  ]);
  const available = (row: Selected) => row.onHand - row.reserved;
  return [...belowRule, ...hiddenByIncoming]
    .sort((a, b) => available(a) - available(b) || a.productId - b.productId)
    .slice(0, count);
}

/** One product's stock row, or null when the product has none. */
export async function getStock(db: Database, productId: number): Promise<StockRow | null> {
  const [row] = await db
    .select(columns)
    .from(inventory)
    .innerJoin(products, eq(products.id, inventory.productId))
    .where(eq(inventory.productId, productId));
  if (!row) return null;
  const open = await openRestocks(db, [productId]);
  return toStockRow(row, open.get(productId) ?? null);
}

export interface LedgerCursor {
  createdAt: Date;
  id: number;
}

export function decodeLedgerCursor(text: string): LedgerCursor | null {
  const keys = decodeCursor(text, 'ledger', ['time', 'int']);
  return keys ? { createdAt: new Date(keys[0] as number), id: keys[1] as number } : null;
}

/**
 * A product's ledger, newest first, a keyset page at a time over the index
 * `stock_movements (product_id, created_at)`, each row with its actor's name (one
 * primary-key lookup of users for the page). NOT_FOUND is the caller's to decide: an
 * unknown product simply has no rows.
 */
export async function listLedger(
  db: Database,
  query: { productId: number; cursor?: LedgerCursor | undefined; limit: number },
) {
  const m = schema.stockMovements;
  const { cursor } = query;
  const rows = await db
    .select({
      id: m.id,
      deltaOnHand: m.deltaOnHand,
      deltaReserved: m.deltaReserved,
      deltaIncoming: m.deltaIncoming,
      reason: m.reason,
      refType: m.refType,
      refId: m.refId,
      actor: m.actor,
      note: m.note,
      createdAt: m.createdAt,
    })
    .from(m)
    .where(
      and(
        eq(m.productId, query.productId),
        cursor
          ? or(
              lt(m.createdAt, cursor.createdAt),
              and(eq(m.createdAt, cursor.createdAt), lt(m.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (last) =>
    encodeCursor('ledger', [last.createdAt.getTime(), last.id]),
  );
  return { ...page, items: await withActorNames(db, page.items) };
}

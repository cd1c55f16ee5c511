import { type Database, schema } from '@stockpulse/db';
import { OPEN_RESTOCK_STATUSES, type RestockStatus } from '@stockpulse/shared';
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import { withActorNames } from '../actors/names';
import { decodeCursor, encodeCursor, pageOf } from '../paging';
import { staffSearchTerms } from '../products/search';
import { hasWordsStarting, matchingProductIds } from '../products/word-search';
import type { StockKey } from './stock';

const { products, variants, locations, inventory, restocks } = schema;

export interface OpenRestock {
  id: number;
  quantity: number;
  status: RestockStatus;
  eta: Date | null;
  createdAt: Date;
}

/** One row of the console's stock: a variant at a location (DESIGN §11). */
export interface StockRow {
  productId: number;
  variantId: number;
  locationId: number;
  /** The variant's SKU. */
  sku: string;
  name: string;
  /** "M / Red"; "" for a simple product. */
  variantTitle: string;
  category: string;
  active: boolean;
  locationName: string;
  locationCode: string;
  onHand: number;
  reserved: number;
  available: number;
  incoming: number;
  damaged: number;
  qualityControl: number;
  safetyStock: number;
  reorderPoint: number;
  reorderQuantity: number;
  /** Inventory position minus reorder point: at or below zero means "needs a restock". */
  restockGap: number;
  version: number;
  updatedAt: Date;
  /** The newest open restock (requested or in transit) of this row, if any. */
  openRestock: OpenRestock | null;
}

/**
 * Low stock pages by (available, variant, location): sold out first; the rest by product
 * (name, id), then (variant, location).
 */
export type StockCursor =
  | { lowStockOnly: true; available: number; variantId: number; locationId: number }
  | {
      lowStockOnly: false;
      name: string;
      id: number;
      variantId: number;
      locationId: number;
    };

export interface StockQuery {
  lowStockOnly?: boolean | undefined;
  /** Only this location's rows. */
  locationId?: number | undefined;
  /** Words that start words of the name, the SKU or the description. */
  search?: string | undefined;
  cursor?: StockCursor | undefined;
  limit: number;
}

export function decodeStockCursor(text: string, lowStockOnly: boolean): StockCursor | null {
  if (lowStockOnly) {
    const keys = decodeCursor(text, 'low', ['int', 'int', 'int']);
    return keys
      ? {
          lowStockOnly,
          available: keys[0] as number,
          variantId: keys[1] as number,
          locationId: keys[2] as number,
        }
      : null;
  }
  const keys = decodeCursor(text, 'name', ['string', 'int', 'int', 'int']);
  return keys
    ? {
        lowStockOnly,
        name: keys[0] as string,
        id: keys[1] as number,
        variantId: keys[2] as number,
        locationId: keys[3] as number,
      }
    : null;
}

const columns = {
  productId: products.id,
  variantId: inventory.variantId,
  locationId: inventory.locationId,
  sku: variants.sku,
  name: products.name,
  variantTitle: variants.title,
  category: products.category,
  active: products.active,
  onHand: inventory.onHand,
  reserved: inventory.reserved,
  incoming: inventory.incoming,
  damaged: inventory.damaged,
  qualityControl: inventory.qualityControl,
  safetyStock: inventory.safetyStock,
  reorderPoint: inventory.reorderPoint,
  reorderQuantity: inventory.reorderQuantity,
  version: inventory.version,
  updatedAt: inventory.updatedAt,
};

type Raw = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] };
type Selected = Raw & { locationName: string; locationCode: string };

function toStockRow(row: Selected, openRestock: OpenRestock | null): StockRow {
  const available = row.onHand - row.reserved - row.damaged - row.qualityControl - row.safetyStock;
  return {
    ...row,
    available,
    restockGap: available + row.incoming - row.reorderPoint,
    openRestock,
  };
}

/**
 * Stock rows with their variant and product; the location's name and code are filled in
 * from the few locations (`withLocations`): joined in SQL, MariaDB buffers the tiny table
 * and sorts every row of the range instead of reading them in index order.
 */
const rowsWith = (db: Database, forceIndex?: string) =>
  db
    .select(columns)
    .from(inventory, forceIndex ? { forceIndex } : undefined)
    .innerJoin(variants, eq(variants.id, inventory.variantId))
    .innerJoin(products, eq(products.id, inventory.productId))
    .$dynamic();

async function withLocations<T extends { locationId: number }>(db: Database, rows: T[]) {
  if (rows.length === 0) return [];
  const all = await db
    .select({ id: locations.id, name: locations.name, code: locations.code })
    .from(locations);
  const byId = new Map(all.map((l) => [l.id, l]));
  return rows.map((row) => ({
    ...row,
    locationName: byId.get(row.locationId)?.name ?? '',
    locationCode: byId.get(row.locationId)?.code ?? '',
  }));
}

const keyOf = (row: StockKey) => `${row.variantId}:${row.locationId}`;

/** The newest open restock of each of these rows (index `restocks (variant, location, status)`). */
async function openRestocks(db: Database, keys: readonly StockKey[]) {
  const open = new Map<string, OpenRestock>();
  if (keys.length === 0) return open;
  const rows = await db
    .select({
      variantId: restocks.variantId,
      locationId: restocks.locationId,
      id: restocks.id,
      quantity: restocks.quantity,
      status: restocks.status,
      eta: restocks.eta,
      createdAt: restocks.createdAt,
    })
    .from(restocks)
    .where(
      and(
        inArray(restocks.variantId, [...new Set(keys.map((key) => key.variantId))]),
        inArray(restocks.status, OPEN_RESTOCK_STATUSES),
      ),
    )
    .orderBy(asc(restocks.id));
  for (const { variantId, locationId, ...restock } of rows) {
    open.set(keyOf({ variantId, locationId }), restock);
  }
  return open;
}

/** `(variant_id, location_id) > (v, l)`, spelt out so it is an index range. */
function afterRow(variantId: number, locationId: number): SQL {
  return or(
    gt(inventory.variantId, variantId),
    and(eq(inventory.variantId, variantId), gt(inventory.locationId, locationId)),
  )!;
}

/**
 * Stock for the console, a row per (variant, location), archived products included.
 * `lowStockOnly` keeps what an operator calls low: sold out, or available at or below the
 * reorder point whatever is on order (lowStock below). Otherwise rows come by product
 * (name, id) and then (variant, location): the page's products are a range of
 * `products (name)` (a search finds them through the word index in that same order), their
 * rows one read of `inventory (product_id, …)` each; never a sort over the catalog.
 */
/** Reads of the next products for one page (a location filter can leave products without rows). */
const MAX_PRODUCT_READS = 8;

export async function listStock(db: Database, query: StockQuery) {
  const conditions: (SQL | undefined)[] = [];
  if (query.locationId !== undefined) conditions.push(eq(inventory.locationId, query.locationId));
  const cursor = query.cursor;
  let terms: string[] | null = null;
  if (query.search) {
    terms = staffSearchTerms(query.search);
    if (!terms) return { items: [], nextCursor: null };
  }
  if (query.lowStockOnly) {
    if (terms) conditions.push(hasWordsStarting(terms));
    if (cursor?.lowStockOnly) {
      conditions.push(
        or(
          gt(inventory.lowAvailable, cursor.available),
          and(
            eq(inventory.lowAvailable, cursor.available),
            afterRow(cursor.variantId, cursor.locationId),
          ),
        ),
      );
    }
    const rows = await lowStock(db, conditions, query.limit + 1);
    return withOpenRestocks(db, query.limit, rows, (last) =>
      encodeCursor('low', [last.available, last.variantId, last.locationId]),
    );
  }
  const byName = cursor && !cursor.lowStockOnly ? cursor : undefined;
  const rows: Raw[] = [];
  // The rest of the cursor's own product first.
  if (byName) {
    rows.push(
      ...(await rowsWith(db)
        .where(
          and(
            ...conditions,
            eq(inventory.productId, byName.id),
            afterRow(byName.variantId, byName.locationId),
          ),
        )
        .orderBy(asc(inventory.variantId), asc(inventory.locationId))
        .limit(query.limit + 1)),
    );
  }
  // Then whole products, by name, until the page is full.
  let after = byName ? { name: byName.name, id: byName.id } : undefined;
  let reads = 0;
  while (rows.length <= query.limit) {
    const want = query.limit + 1 - rows.length;
    const ids = terms
      ? await matchingProductIds(db, { terms, after, count: want })
      : (
          await db
            .select({ id: products.id, name: products.name })
            .from(products)
            .where(
              after
                ? or(
                    gt(products.name, after.name),
                    and(eq(products.name, after.name), gt(products.id, after.id)),
                  )
                : undefined,
            )
            .orderBy(asc(products.name), asc(products.id))
            .limit(want)
        ).map((row) => row.id);
    if (ids.length === 0) break;
    const found = await rowsWith(db)
      .where(and(...conditions, inArray(inventory.productId, ids)))
      .orderBy(
        asc(products.name),
        asc(products.id),
        asc(inventory.variantId),
        asc(inventory.locationId),
      );
    rows.push(...found);
    if (ids.length < want || ++reads > MAX_PRODUCT_READS) break;
    const lastId = ids.at(-1)!;
    const [lastProduct] = await db
      .select({ name: products.name, id: products.id })
      .from(products)
      .where(eq(products.id, lastId));
    if (!lastProduct) break;
    after = lastProduct;
  }
  return withOpenRestocks(db, query.limit, rows, (last) =>
    encodeCursor('name', [last.name, last.productId, last.variantId, last.locationId]),
  );
}

/** A page of rows with each one's location and open restock, and the cursor after its last row. */
async function withOpenRestocks(
  db: Database,
  limit: number,
  raw: Raw[],
  cursorOf: (last: StockRow) => string,
) {
  const rows = await withLocations(db, raw);
  const open = await openRestocks(db, rows.slice(0, limit));
  const items = rows.map((row) => toStockRow(row, open.get(keyOf(row)) ?? null));
  return pageOf(items, limit, cursorOf);
}

/**
 * The rows an operator must hear about, `count` of them by (available, variant,
 * location): sold out first. Low as an operator means it: tracked (reorder point above 0)
 * and available at or below the reorder point, whatever is on order (the restock rule
 * counts stock on order, which is right for ordering more but would hide a row sold out
 * while its restock travels). One walk of `inventory (low_available)` (0015), which holds
 * exactly those rows, in that order: it stops at the page, whatever else the shop holds.
 */
async function lowStock(db: Database, conditions: (SQL | undefined)[], count: number) {
  return rowsWith(db, 'inventory_low_available_idx')
    .where(and(...conditions, isNotNull(inventory.lowAvailable)))
    .orderBy(asc(inventory.lowAvailable), asc(inventory.variantId), asc(inventory.locationId))
    .limit(count);
}

/** One (variant, location)'s stock row, or null when there is none. */
export async function getStock(db: Database, key: StockKey): Promise<StockRow | null> {
  const [row] = await withLocations(
    db,
    await rowsWith(db).where(
      and(eq(inventory.variantId, key.variantId), eq(inventory.locationId, key.locationId)),
    ),
  );
  if (!row) return null;
  const open = await openRestocks(db, [key]);
  return toStockRow(row, open.get(keyOf(key)) ?? null);
}

/** A product's stock rows, every variant at every location. */
export async function productStock(db: Database, productId: number): Promise<StockRow[]> {
  const rows = await withLocations(
    db,
    await rowsWith(db)
      .where(eq(inventory.productId, productId))
      .orderBy(asc(inventory.variantId), asc(inventory.locationId)),
  );
  const open = await openRestocks(db, rows);
  return rows.map((row) => toStockRow(row, open.get(keyOf(row)) ?? null));
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
 * A (variant, location)'s ledger, newest first, a keyset page at a time over the index
 * `stock_movements (variant_id, location_id, created_at)`, each row with its actor's name
 * (one primary-key lookup of users for the page). NOT_FOUND is the caller's to decide: an
 * unknown row simply has no ledger.
 */
export async function listLedger(
  db: Database,
  query: StockKey & { cursor?: LedgerCursor | undefined; limit: number },
) {
  const m = schema.stockMovements;
  const { cursor } = query;
  const rows = await db
    .select({
      id: m.id,
      deltaOnHand: m.deltaOnHand,
      deltaReserved: m.deltaReserved,
      deltaIncoming: m.deltaIncoming,
      deltaDamaged: m.deltaDamaged,
      deltaQualityControl: m.deltaQualityControl,
      deltaSafetyStock: m.deltaSafetyStock,
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
        eq(m.variantId, query.variantId),
        eq(m.locationId, query.locationId),
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

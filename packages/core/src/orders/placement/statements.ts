/**
 * The statements of one placement, sent as text on a pool connection, not built by
 * Drizzle: on the hottest path of the product, building and mapping these statements
 * through the query builder cost more server CPU than the HTTP request that carried them
 * (docs/architecture.md, "Placing an order"). bench/checkout/raw-placement.ts sends exactly
 * these (it imports this module as `@stockpulse/core/placement-sql`), so the two cannot
 * drift apart.
 *
 * In order: the two reads (no transaction, no locks), then BEGIN, the reservation and the
 * CALL, which commits. Every value is a `?` placeholder; mysql2 escapes them.
 */

import { type Database, schema } from '@stockpulse/db';
import type { OrderLineInput, OrderSummary, ShippingAddress } from '@stockpulse/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { isDuplicateKey, retryingLostRaces } from '../../db/transaction';
import { type LedgerEntry, type StockDelta, stockUpdate } from '../../inventory/stock';
import type { LocationAvailable } from './allocate';
import type { EarlierOrder, PlacementPayment, SavedAddress, VariantFacts } from './decide';

/** An earlier order with this idempotency key (a replay), and the customer's saved address. */
export const CUSTOMER_AND_REPLAY_SQL = `SELECT o.id AS replay_id, o.request_hash AS replay_hash,
  c.address_line1, c.address_line2, c.city, c.region, c.postal_code, c.country
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id AND o.idempotency_key = ?
WHERE c.id = ?`;

export interface CustomerAndReplayRow {
  replay_id: number | null;
  replay_hash: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
}

/** `CUSTOMER_AND_REPLAY_SQL`: the customer's saved address, and any earlier order with `key`. */
export async function readCustomerAndReplay(
  connection: PoolConnection,
  customerId: number,
  key: string,
): Promise<{ saved: SavedAddress | undefined; earlier: EarlierOrder | null }> {
  const [[row]] = await connection.query<(CustomerAndReplayRow & RowDataPacket)[]>(
    CUSTOMER_AND_REPLAY_SQL,
    [key, customerId],
  );
  if (!row) return { saved: undefined, earlier: null };
  return {
    saved: {
      line1: row.address_line1,
      line2: row.address_line2,
      city: row.city,
      region: row.region,
      postalCode: row.postal_code,
      country: row.country,
    },
    earlier:
      row.replay_id == null ? null : { id: row.replay_id, requestHash: row.replay_hash ?? '' },
  };
}

/**
 * What an order needs of its variants (named, or a product's all): their product and
 * names, price, whether they are sold, and each online location's available. Parameters:
 * variant ids, product ids (each a non-empty list; `[0]` matches nothing).
 */
export const VARIANTS_SQL = `SELECT v.id AS variant_id, v.product_id, p.name, v.title, v.price_cents,
  p.active AND v.active AS active, i.location_id, i.available, l.priority
FROM variants v
INNER JOIN products p ON p.id = v.product_id
LEFT JOIN inventory i ON i.variant_id = v.id
  AND i.location_id IN (SELECT id FROM locations WHERE fulfils_online AND active)
LEFT JOIN locations l ON l.id = i.location_id
WHERE v.id IN (?) OR v.product_id IN (?)`;

export interface VariantRow {
  variant_id: number;
  product_id: number;
  name: string;
  title: string;
  price_cents: number;
  active: number;
  location_id: number | null;
  available: number | null;
  priority: number | null;
}

const orNothing = (ids: readonly number[]) => (ids.length > 0 ? ids : [0]);

/** `VARIANTS_SQL` for these lines (an unknown id is simply not in the answer). */
export async function readVariants(
  connection: PoolConnection,
  items: readonly OrderLineInput[],
): Promise<VariantFacts[]> {
  const variantIds = items.flatMap((line) =>
    line.variantId === undefined ? [] : [line.variantId],
  );
  const productIds = items.flatMap((line) =>
    line.variantId === undefined ? [line.productId!] : [],
  );
  const [rows] = await connection.query<(VariantRow & RowDataPacket)[]>(VARIANTS_SQL, [
    orNothing(variantIds),
    orNothing(productIds),
  ]);
  const byId = new Map<number, VariantFacts>();
  for (const row of rows) {
    let variant = byId.get(row.variant_id);
    if (!variant) {
      variant = {
        variantId: row.variant_id,
        productId: row.product_id,
        name: row.name,
        variantTitle: row.title,
        priceCents: row.price_cents,
        active: Boolean(row.active),
        stock: [],
      };
      byId.set(row.variant_id, variant);
    }
    if (row.location_id !== null && row.priority !== null) {
      variant.stock.push({
        locationId: row.location_id,
        priority: row.priority,
        available: row.available ?? 0,
      });
    }
  }
  return [...byId.values()];
}

/**
 * The last attempt's stock read: the variants' rows at these locations, locked (in
 * (variant, location) order) until the transaction ends, so the allocation made from them
 * cannot lose a race. Parameters: variant ids, location ids.
 */
export const LOCKED_STOCK_SQL = `SELECT variant_id, location_id, available
FROM inventory FORCE INDEX (PRIMARY)
WHERE variant_id IN (?) AND location_id IN (?)
ORDER BY variant_id, location_id
FOR UPDATE`;

/** `LOCKED_STOCK_SQL`: `variants`' stock as it is now, with the same locations' priorities. */
export async function lockStock(
  connection: PoolConnection,
  variants: readonly VariantFacts[],
): Promise<Map<number, LocationAvailable[]>> {
  const priority = new Map<number, number>();
  for (const variant of variants) {
    for (const row of variant.stock) priority.set(row.locationId, row.priority);
  }
  const stock = new Map<number, LocationAvailable[]>(
    variants.map((variant) => [variant.variantId, []]),
  );
  if (priority.size === 0) return stock;
  const [rows] = await connection.query<
    ({ variant_id: number; location_id: number; available: number } & RowDataPacket)[]
  >(LOCKED_STOCK_SQL, [variants.map((variant) => variant.variantId), [...priority.keys()]]);
  for (const row of rows) {
    stock.get(row.variant_id)?.push({
      locationId: row.location_id,
      priority: priority.get(row.location_id)!,
      available: row.available,
    });
  }
  return stock;
}

/**
 * The reservation: inventory/stock.ts's `stockUpdate`, the same conditional UPDATE every
 * other stock change uses. True when every line was reserved; false when some line is short
 * (the caller rolls back). The products' stock rows stay locked until the transaction ends.
 */
export async function reserve(
  connection: PoolConnection,
  reservation: readonly StockDelta[],
): Promise<boolean> {
  const update = stockUpdate(reservation);
  const [result] = await connection.query<ResultSetHeader>(update.sql, update.params);
  return result.affectedRows === reservation.length;
}

/**
 * The parameters of `record_and_commit_order` (migrations/0011_placement_allocations.sql),
 * in its order, named as TypeScript names them.
 */
export interface RecordAndCommitOrder {
  /** p_customer_id */
  customerId: number;
  /** p_total_cents */
  totalCents: number;
  /** p_item_count */
  itemCount: number;
  /** p_ship_name … p_ship_country */
  shippingAddress: ShippingAddress;
  /** p_idempotency_key */
  idempotencyKey: string;
  /** p_request_hash */
  requestHash: string;
  /** p_at: the order's created_at and updated_at, its first event's and its ledger rows' */
  at: Date;
  /** p_actor: the first status event's actor */
  actor: string;
  /** p_lines: the order's lines, each with its allocations */
  lines: readonly {
    productId: number;
    variantId: number;
    quantity: number;
    unitPriceCents: number;
    allocations: readonly { locationId: number; quantity: number }[];
  }[];
  /** p_ledger: the reservation's ledger rows, each given ref_id = the new order's id */
  ledger: readonly LedgerEntry[];
  /** p_created: the `order:created` payload; the procedure adds `id` */
  created: Omit<OrderSummary, 'id'>;
  /** p_job_name: the name of the job queued on `orders` for the new order */
  jobName: string;
  /** p_job_id_prefix: its job id is this and the order's id (`orderJobId`) */
  jobIdPrefix: string;
  /** p_payment_*: the order's first, pending payment attempt (migration 0017) */
  payment: PlacementPayment;
}

/** What `record_and_commit_order` answered. */
export type RecordedOrder =
  | { kind: 'recorded'; orderId: number }
  /** This customer's idempotency key is on an order committed first (error 1062, rolled back). */
  | { kind: 'key-taken' };

export const RECORD_AND_COMMIT_ORDER_SQL =
  'CALL record_and_commit_order(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * `CALL record_and_commit_order(…)`: the order, its payment attempt, its lines and their allocations, its
 * ledger rows, its first status event, its products' stock lock and its outbox rows
 * (`order:created`, each variant's `inventory:changed`,
 * the `orders` job), then COMMIT, in one round trip after the reservation. On any error
 * the procedure has rolled the transaction back before the caller hears of it.
 */
export async function recordAndCommitOrder(
  connection: PoolConnection,
  order: RecordAndCommitOrder,
): Promise<RecordedOrder> {
  const address = order.shippingAddress;
  const lines = order.lines.map((line) => ({
    productId: line.productId,
    variantId: line.variantId,
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
    allocations: line.allocations,
  }));
  try {
    const [sets] = await connection.query<RowDataPacket[][]>(RECORD_AND_COMMIT_ORDER_SQL, [
      order.customerId,
      order.totalCents,
      order.itemCount,
      address.name,
      address.line1,
      address.line2 ?? null,
      address.city,
      address.region ?? null,
      address.postalCode,
      address.country,
      order.idempotencyKey,
      order.requestHash,
      order.at,
      order.actor,
      JSON.stringify(lines),
      // A null is left out: the procedure reads a missing key as NULL on MySQL and MariaDB.
      JSON.stringify(order.ledger, (_key, value) => (value === null ? undefined : value)),
      JSON.stringify(order.created),
      order.jobName,
      order.jobIdPrefix,
      order.payment.provider,
      order.payment.token,
      order.payment.brand,
      order.payment.last4,
    ]);
    const orderId = Number(sets[0]?.[0]?.order_id);
    if (!Number.isSafeInteger(orderId) || orderId < 1) throw new Error('the order was given no id');
    return { kind: 'recorded', orderId };
  } catch (error) {
    if (isDuplicateKey(error)) return { kind: 'key-taken' };
    throw error;
  }
}

/**
 * Ends the transaction on `connection` without a trace. A connection that cannot even roll
 * back is broken: the pool must not lend it again.
 */
export async function rollback(connection: PoolConnection): Promise<void> {
  await connection.query('ROLLBACK').catch(() => connection.destroy());
}

/**
 * The order this customer placed with this key, read after a placement found no stock: a
 * request with the same key may be the one that took it. A locking read on the unique key
 * waits for an insert of that key still in flight, so a concurrently committing order is
 * seen once it commits (and none once it rolls back). Parameters: customer id, key.
 */
export const ORDER_WITH_KEY_SQL = `SELECT id, request_hash FROM orders
WHERE customer_id = ? AND idempotency_key = ? LOCK IN SHARE MODE`;

export interface OrderWithKeyRow {
  id: number;
  request_hash: string;
}

/** `ORDER_WITH_KEY_SQL` on its own pooled connection in autocommit (the lock lasts it alone). */
export async function readOrderWithKey(
  pool: Pool,
  customerId: number,
  key: string,
): Promise<EarlierOrder | null> {
  const [[row]] = await retryingLostRaces(() =>
    pool.query<(OrderWithKeyRow & RowDataPacket)[]>(ORDER_WITH_KEY_SQL, [customerId, key]),
  );
  return row ? { id: row.id, requestHash: row.request_hash } : null;
}

/** Each variant's available over the online locations now (a fresh read, after a rollback). */
export async function readAvailable(
  db: Database,
  variantIds: readonly number[],
): Promise<Map<number, number>> {
  const { inventory, locations } = schema;
  const rows = await db
    .select({
      variantId: inventory.variantId,
      available: sql<number>`SUM(${inventory.available})`.mapWith(Number),
    })
    .from(inventory)
    .innerJoin(
      locations,
      and(
        eq(locations.id, inventory.locationId),
        eq(locations.fulfilsOnline, true),
        eq(locations.active, true),
      ),
    )
    .where(inArray(inventory.variantId, [...variantIds]))
    .groupBy(inventory.variantId);
  return new Map(rows.map((row) => [row.variantId, row.available]));
}

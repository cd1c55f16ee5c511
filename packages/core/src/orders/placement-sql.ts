/**
 * The SQL text of one placement, sent as is on a pool connection (see place.ts), not built
 * by Drizzle: on the hottest path of the product, building and mapping these statements
 * through the query builder cost more server CPU than the HTTP request that carried them
 * (docs/architecture.md, "Placing an order"). bench/checkout/raw-placement.ts sends exactly
 * these statements for the raw baseline, so the two cannot drift apart.
 *
 * In order: the two reads (no transaction, no locks), then BEGIN, the reservation and the
 * CALL, which commits. Every value is a `?` placeholder; mysql2 escapes them.
 */

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

const reserveSqlByLines = new Map<number, string>();

/**
 * Reserves every line in ONE conditional UPDATE: each row changes, or fewer rows match than
 * there are lines and the caller rolls back. InnoDB locks the rows in primary-key order, so
 * two placements over the same products never deadlock on them. Parameters: `reserveParams`.
 */
export function reserveSql(lines: number): string {
  let text = reserveSqlByLines.get(lines);
  if (text === undefined) {
    const quantity = `(CASE product_id${' WHEN ? THEN ?'.repeat(lines)} ELSE 0 END)`;
    text = `UPDATE inventory SET
  reserved = reserved + ${quantity},
  version = version + 1,
  updated_at = UTC_TIMESTAMP(3)
WHERE product_id IN (${Array(lines).fill('?').join(', ')})
  AND on_hand >= reserved + ${quantity}`;
    reserveSqlByLines.set(lines, text);
  }
  return text;
}

/** The parameters of `reserveSql(lines.length)`; `lines` sorted by product id. */
export function reserveParams(lines: readonly { productId: number; quantity: number }[]) {
  const quantities = lines.flatMap((line) => [line.productId, line.quantity]);
  return [...quantities, ...lines.map((line) => line.productId), ...quantities];
}

/** What an order needs of its products: name, price, and whether they are still sold. */
export const PRODUCTS_SQL = `SELECT id, name, price_cents, active FROM products WHERE id IN (?)`;

export interface ProductRow {
  id: number;
  name: string;
  price_cents: number;
  active: number;
}

/**
 * The five INSERTs of a placement (order, lines, ledger, first event, outbox with the new
 * stock levels) and the COMMIT, in one round trip after the reservation
 * (migrations/0003_record_and_commit_order.sql); answers one row `{ order_id }`. On any
 * error it has rolled the transaction back before the caller hears of it.
 */
export const RECORD_AND_COMMIT_ORDER_SQL =
  'CALL record_and_commit_order(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

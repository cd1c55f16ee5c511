/**
 * The raw baseline of a placement: the SQL statements of `placeOrder`
 * (packages/core/src/orders/place.ts) sent straight through a plain `mysql2/promise` pool —
 * no HTTP, tRPC, auth or zod. The statement texts are place.ts's own
 * (packages/core/src/orders/placement-sql.ts), imported, so the two cannot drift apart;
 * the pool is set up as @stockpulse/db's (UTC, READ COMMITTED, text protocol), so the
 * database does the same work. The report prints the statement count found for the real
 * placement (counted, see statements.ts) next to this one's.
 */
import { createHash } from 'node:crypto';
import {
  CUSTOMER_AND_REPLAY_SQL,
  PRODUCTS_WITH_STOCK_SQL,
  type ProductWithStockRow,
  RECORD_ORDER_SQL,
  reserveParams,
  reserveSql,
  stockChangeOf,
} from '@stockpulse/core';
import mysql, { type Pool, type PoolConnection, type ResultSetHeader } from 'mysql2/promise';

/**
 * Which raw baseline: `call` (default) — exactly place.ts's statements: the
 * idempotency/address read, the reservation, the products read and the writes as one
 * `CALL record_order(…)` (packages/db/migrations/0002_record_order.sql); `sql` — the plain
 * statements issue 7 lists, the writes as five INSERTs (`npm run bench -- --raw sql`).
 */
export type RawMode = 'sql' | 'call';

/** What `rawPlace` sends in `call` mode, in order (for the report). */
export const RAW_CALL_STATEMENTS = [
  'BEGIN',
  'SELECT customers LEFT JOIN orders ON (customer_id, idempotency_key)  (replay + address)',
  'UPDATE inventory … WHERE product_id IN (…) AND <bounds>  (reserve every line)',
  'SELECT products ⨝ inventory WHERE id IN (…)',
  'CALL record_order(…)  (order, lines, ledger, event, outbox on the server)',
  'COMMIT',
] as const;

/** What `rawPlace` sends in `sql` mode, in order (for the report). */
export const RAW_STATEMENTS = [
  'BEGIN',
  'UPDATE inventory … WHERE product_id IN (…) AND <bounds>  (reserve every line)',
  'SELECT products ⨝ inventory WHERE id IN (…)',
  'INSERT INTO orders',
  'INSERT INTO order_details (one row per line)',
  'INSERT INTO stock_movements (one row per line)',
  'INSERT INTO order_events',
  'INSERT INTO outbox (order:created, inventory:changed per line, the job)',
  'COMMIT',
] as const;

export function createRawPool(url: string, connectionLimit: number): Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
  });
  pool.pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
    connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  });
  return pool;
}

export interface RawCustomer {
  id: number;
  name: string;
}

export interface RawLine {
  productId: number;
  quantity: number;
}

/** Thrown when a line could not be reserved (the transaction was rolled back). */
export class RawOutOfStock extends Error {}

type ProductRow = ProductWithStockRow;

const DEADLOCK = 1213;

/** One placement; returns the order id. Retries a deadlock like core's `inTransaction`. */
export async function rawPlace(
  pool: Pool,
  customer: RawCustomer,
  items: RawLine[],
  idempotencyKey: string,
  mode: RawMode = 'call',
): Promise<number> {
  const lines = [...items].sort((a, b) => a.productId - b.productId);
  for (let attempt = 1; ; attempt++) {
    const connection = await pool.getConnection();
    try {
      return await placeOn(connection, customer, lines, idempotencyKey, mode);
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      if ((error as { errno?: number }).errno !== DEADLOCK || attempt >= 5) throw error;
    } finally {
      connection.release();
    }
  }
}

async function placeOn(
  c: PoolConnection,
  customer: RawCustomer,
  lines: RawLine[],
  idempotencyKey: string,
  mode: RawMode,
): Promise<number> {
  const ids = lines.map((line) => line.productId);

  await c.query('BEGIN');
  if (mode === 'call') {
    // place.ts's first read: an earlier order with this key (a replay), and the address.
    await c.query(CUSTOMER_AND_REPLAY_SQL, [idempotencyKey, customer.id]);
  }
  const [update] = await c.query<ResultSetHeader>(reserveSql(lines.length), reserveParams(lines));
  const [products] = await c.query<(ProductRow & mysql.RowDataPacket)[]>(PRODUCTS_WITH_STOCK_SQL, [
    ids,
  ]);
  if (update.affectedRows !== lines.length) throw new RawOutOfStock();
  const byId = new Map(products.map((row) => [row.id, row]));
  const priced = lines.map((line) => ({ ...line, price: byId.get(line.productId)!.price_cents }));
  const totalCents = priced.reduce((sum, line) => sum + line.quantity * line.price, 0);
  const itemCount = priced.reduce((sum, line) => sum + line.quantity, 0);
  const requestHash = createHash('sha256').update(JSON.stringify(lines)).digest('hex');
  const now = new Date();
  const stockPayload = (row: ProductRow) => JSON.stringify(stockChangeOf(row));

  if (mode === 'call') {
    const created = {
      id: 0,
      customerId: customer.id,
      customerName: customer.name,
      status: 'pending',
      totalCents,
      itemCount,
      createdAt: now.toISOString(),
    };
    const [sets] = await c.query(RECORD_ORDER_SQL, [
      customer.id,
      totalCents,
      itemCount,
      customer.name,
      '1 Test Street',
      null,
      'Testville',
      null,
      '12345',
      'US',
      idempotencyKey,
      requestHash,
      now,
      `customer:${customer.id}`,
      JSON.stringify(
        priced.map((l) => ({
          productId: l.productId,
          quantity: l.quantity,
          unitPriceCents: l.price,
        })),
      ),
      JSON.stringify(created),
      JSON.stringify(products.map(stockPayload)),
      JSON.stringify({ name: 'process', jobId: '', data: { orderId: 0 } }),
      'order-',
    ]);
    await c.query('COMMIT');
    const first = (sets as unknown as { order_id: number }[][])[0]?.[0];
    return Number(first?.order_id);
  }

  const [order] = await c.query<ResultSetHeader>(
    `INSERT INTO orders (customer_id, status, total_cents, item_count, ship_name, ship_line1,
       ship_line2, ship_city, ship_region, ship_postal_code, ship_country, idempotency_key,
       request_hash, created_at, updated_at)
     VALUES (?, 'pending', ?, ?, ?, '1 Test Street', NULL, 'Testville', NULL, '12345', 'US', ?, ?, ?, ?)`,
    [customer.id, totalCents, itemCount, customer.name, idempotencyKey, requestHash, now, now],
  );
  const orderId = order.insertId;
  const actor = `customer:${customer.id}`;
  await c.query(
    'INSERT INTO order_details (order_id, product_id, quantity, unit_price_cents) VALUES ?',
    [priced.map((line) => [orderId, line.productId, line.quantity, line.price])],
  );
  await c.query(
    `INSERT INTO stock_movements (product_id, delta_on_hand, delta_reserved, delta_incoming,
       reason, ref_type, ref_id, actor, note) VALUES ?`,
    [
      lines.map((line) => [
        line.productId,
        0,
        line.quantity,
        0,
        'reserve',
        'order',
        orderId,
        actor,
        null,
      ]),
    ],
  );
  await c.query(
    'INSERT INTO order_events (order_id, from_status, to_status, actor, created_at) VALUES (?, NULL, ?, ?, ?)',
    [orderId, 'pending', actor, now],
  );
  const summary = {
    id: orderId,
    customerId: customer.id,
    customerName: customer.name,
    status: 'pending',
    totalCents,
    itemCount,
    createdAt: now.toISOString(),
  };
  const outbox: [string, string, string][] = [
    ['event', 'order:created', JSON.stringify(summary)],
    ...products.map((row): [string, string, string] => [
      'event',
      'inventory:changed',
      stockPayload(row),
    ]),
    [
      'job',
      'orders',
      JSON.stringify({ name: 'process', jobId: `order-${orderId}`, data: { orderId } }),
    ],
  ];
  await c.query('INSERT INTO outbox (kind, topic, payload) VALUES ?', [outbox]);
  await c.query('COMMIT');
  return orderId;
}

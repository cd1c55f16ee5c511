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
  PRODUCTS_SQL,
  type ProductRow,
  RECORD_AND_COMMIT_ORDER_SQL,
  reserveParams,
  reserveSql,
} from '@stockpulse/core';
import mysql, { type Pool, type PoolConnection, type ResultSetHeader } from 'mysql2/promise';

/** What `rawPlace` sends, in order (for the report). */
export const RAW_STATEMENTS = [
  'SELECT customers LEFT JOIN orders ON (customer_id, idempotency_key)  (replay + address)',
  'SELECT products WHERE id IN (…)  (names, prices, still sold)',
  'BEGIN',
  'UPDATE inventory … WHERE product_id IN (…) AND on_hand ≥ reserved + q  (reserve every line)',
  'CALL record_and_commit_order(…)  (order, lines, ledger, event, outbox; COMMIT)',
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

const DEADLOCK = 1213;

/** One placement; returns the order id. Retries a deadlock like core's placement. */
export async function rawPlace(
  pool: Pool,
  customer: RawCustomer,
  items: RawLine[],
  idempotencyKey: string,
): Promise<number> {
  const lines = [...items].sort((a, b) => a.productId - b.productId);
  for (let attempt = 1; ; attempt++) {
    const connection = await pool.getConnection();
    try {
      return await placeOn(connection, customer, lines, idempotencyKey);
    } catch (error) {
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
): Promise<number> {
  // place.ts's reads: an earlier order with this key (a replay) and the address; the products.
  await c.query(CUSTOMER_AND_REPLAY_SQL, [idempotencyKey, customer.id]);
  const [products] = await c.query<(ProductRow & mysql.RowDataPacket)[]>(PRODUCTS_SQL, [
    lines.map((line) => line.productId),
  ]);
  const byId = new Map(products.map((row) => [row.id, row]));
  const priced = lines.map((line) => ({
    productId: line.productId,
    quantity: line.quantity,
    unitPriceCents: byId.get(line.productId)!.price_cents,
  }));
  const totalCents = priced.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const itemCount = priced.reduce((sum, line) => sum + line.quantity, 0);
  const requestHash = createHash('sha256').update(JSON.stringify(lines)).digest('hex');
  const now = new Date();
  const created = {
    id: 0,
    customerId: customer.id,
    customerName: customer.name,
    status: 'pending',
    totalCents,
    itemCount,
    createdAt: now.toISOString(),
  };

  await c.query('BEGIN');
  try {
    const [update] = await c.query<ResultSetHeader>(reserveSql(lines.length), reserveParams(lines));
    if (update.affectedRows !== lines.length) throw new RawOutOfStock();
    const [sets] = await c.query(RECORD_AND_COMMIT_ORDER_SQL, [
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
      JSON.stringify(priced),
      JSON.stringify(created),
      JSON.stringify({ name: 'process', jobId: '', data: { orderId: 0 } }),
      'order-',
    ]);
    const first = (sets as unknown as { order_id: number }[][])[0]?.[0];
    return Number(first?.order_id);
  } catch (error) {
    await c.query('ROLLBACK').catch(() => c.destroy());
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { placeOrder } from '@stockpulse/core';
import type { Database, DatabaseHandle } from '@stockpulse/db';
import type { RowDataPacket } from 'mysql2/promise';
import { parseEnv, type WorkerEnv } from './env';

/** Test helpers: a small shop in a test database, and the worker's environment for it. */

export function testEnv(
  databaseUrl: string,
  redisUrl: string,
  redisPrefix: string,
  overrides: Record<string, string> = {},
): WorkerEnv {
  return parseEnv({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `${redisPrefix}-${randomBytes(3).toString('hex')}`,
    LOG_LEVEL: 'warn',
    PAYMENT_LATENCY_MS: '0',
    PAYMENT_FAILURE_RATE: '0',
    ...overrides,
  });
}

let next = 1;

/** A customer and `products` products with `onHand` units each (opening ledger rows). */
export async function shop(handle: DatabaseHandle, options: { products: number; onHand: number }) {
  const tag = `${Date.now().toString(36)}${next++}`;
  const [inserted] = (await handle.pool.query(
    "INSERT INTO users (email, name, password_hash) VALUES (?, 'Ada', 'x')",
    [`ada-${tag}@example.com`],
  )) as unknown as [{ insertId: number }];
  const customerId = inserted.insertId;
  await handle.pool.query('INSERT INTO customers (id) VALUES (?)', [customerId]);
  const productIds: number[] = [];
  for (let i = 0; i < options.products; i++) {
    const [product] = (await handle.pool.query(
      `INSERT INTO products (sku, name, description, category, price_cents)
       VALUES (?, ?, '', 'Test', 250)`,
      [`SKU-${tag}-${i}`, `Product ${tag}-${i}`],
    )) as unknown as [{ insertId: number }];
    productIds.push(product.insertId);
    await handle.pool.query(
      'INSERT INTO inventory (product_id, on_hand, reorder_point, reorder_quantity) VALUES (?, ?, 0, 10)',
      [product.insertId, options.onHand],
    );
    await handle.pool.query(
      `INSERT INTO stock_movements (product_id, delta_on_hand, reason, ref_type, actor)
       VALUES (?, ?, 'opening', 'seed', 'seed')`,
      [product.insertId, options.onHand],
    );
  }
  return { customerId, productIds };
}

/** Places an order of one unit of `productId` through core, as the API does. */
export async function order(db: Database, customerId: number, productId: number) {
  const { order } = await placeOrder(db, {
    customerId,
    customerName: 'Ada',
    items: [{ productId, quantity: 1 }],
    idempotencyKey: randomBytes(8).toString('hex'),
    shippingAddress: {
      name: 'Ada',
      line1: '1 Main St',
      city: 'Paris',
      postalCode: '75001',
      country: 'FR',
    },
  });
  return order.id;
}

export async function statuses(handle: DatabaseHandle, orderIds: number[]) {
  if (orderIds.length === 0) return [];
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    'SELECT id, status, cancel_reason FROM orders WHERE id IN (?) ORDER BY id',
    [orderIds],
  );
  return rows as { id: number; status: string; cancel_reason: string | null }[];
}

/** The status events of `orderIds` as `from>to` strings, per order. */
export async function transitions(handle: DatabaseHandle, orderIds: number[]) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    'SELECT order_id, from_status, to_status FROM order_events WHERE order_id IN (?) ORDER BY id',
    [orderIds],
  );
  const byOrder = new Map<number, string[]>(orderIds.map((id) => [id, []]));
  for (const row of rows) byOrder.get(row.order_id)?.push(`${row.from_status}>${row.to_status}`);
  return byOrder;
}

export async function unpublishedCount(handle: DatabaseHandle) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    'SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL',
  );
  return Number(rows[0]?.n);
}

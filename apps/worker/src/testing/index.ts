import { randomBytes } from 'node:crypto';
import { placeOrder } from '@stockpulse/core';
import { worldOn } from '@stockpulse/core/testing';
import type { Database, DatabaseHandle } from '@stockpulse/db';
import type { RowDataPacket } from 'mysql2/promise';
import { parseEnv, type WorkerEnv } from '../env';

/**
 * `@stockpulse/worker/testing`: a small shop in a test database (through core's world
 * builder), the worker's environment for it, and reads of what the worker did.
 */

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

/**
 * A customer (no address: `order` gives one) and `products` products with `onHand` units
 * each, at 2.50, reorder point 0 (the scheduler restocks a product only once it sells out)
 * and reorder quantity 10. Built by core's world builder.
 */
export async function shop(handle: DatabaseHandle, options: { products: number; onHand: number }) {
  const world = worldOn(handle);
  const customer = await world.addCustomer({ name: 'Ada', withAddress: false });
  const productIds: number[] = [];
  for (let i = 0; i < options.products; i++) {
    productIds.push(
      await world.addProduct({
        onHand: options.onHand,
        priceCents: 250,
        reorderPoint: 0,
        reorderQuantity: 10,
      }),
    );
  }
  return { customerId: customer.id, productIds };
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

/**
 * The raw baseline of a placement: the SQL statements of `placeOrder`
 * (packages/core/src/orders/placement/) sent straight through a plain `mysql2/promise` pool —
 * no HTTP, tRPC, auth, zod or decision. The statements are placement's own
 * (packages/core/src/orders/placement/statements.ts, `@stockpulse/core/placement-sql`),
 * imported, so the two cannot drift apart;
 * the pool is set up as @stockpulse/db's (UTC, READ COMMITTED, text protocol), so the
 * database does the same work. The report prints the statement count found for the real
 * placement (counted, see statements.ts) next to this one's.
 */
import { createHash } from 'node:crypto';
import { actorOf, ledgerEntries } from '@stockpulse/core';
import {
  CUSTOMER_AND_REPLAY_SQL,
  recordAndCommitOrder,
  reserve,
  VARIANTS_SQL,
  type VariantRow,
} from '@stockpulse/core/placement-sql';
import mysql, { type Pool, type PoolConnection } from 'mysql2/promise';

/** What `rawPlace` sends, in order (for the report). */
export const RAW_STATEMENTS = [
  'SELECT customers LEFT JOIN orders ON (customer_id, idempotency_key)  (replay + address)',
  'SELECT variants JOIN products LEFT JOIN inventory (names, prices, still sold, stock per online location)',
  'BEGIN',
  'UPDATE inventory … WHERE (variant_id, location_id) IN (…) AND available ≥ q  (reserve every allocation)',
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
  // placement's reads: an earlier order with this key (a replay) and the address; the
  // variants of these simple products, with their stock at each online location.
  await c.query(CUSTOMER_AND_REPLAY_SQL, [idempotencyKey, customer.id]);
  const [rows] = await c.query<(VariantRow & mysql.RowDataPacket)[]>(VARIANTS_SQL, [
    [0],
    lines.map((line) => line.productId),
  ]);
  // Each line from the first location (by priority) that holds it, as allocation does.
  const byProduct = new Map<number, VariantRow>();
  for (const row of [...rows].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))) {
    const held = byProduct.get(row.product_id);
    if (!held || ((held.available ?? 0) < 1 && (row.available ?? 0) > 0)) {
      byProduct.set(row.product_id, row);
    }
  }
  const priced = lines.map((line) => {
    const row = byProduct.get(line.productId)!;
    return {
      productId: line.productId,
      variantId: row.variant_id,
      quantity: line.quantity,
      unitPriceCents: row.price_cents,
      allocations: [{ locationId: row.location_id ?? 1, quantity: line.quantity }],
    };
  });
  const totalCents = priced.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const itemCount = priced.reduce((sum, line) => sum + line.quantity, 0);
  const requestHash = createHash('sha256').update(JSON.stringify(lines)).digest('hex');
  const now = new Date();
  const actor = actorOf('customer', customer.id);
  const reservation = priced.map((line) => ({
    variantId: line.variantId,
    locationId: line.allocations[0]!.locationId,
    reserved: line.quantity,
  }));

  await c.query('BEGIN');
  try {
    if (!(await reserve(c, reservation))) throw new RawOutOfStock();
    const recorded = await recordAndCommitOrder(c, {
      customerId: customer.id,
      totalCents,
      itemCount,
      shippingAddress: {
        name: customer.name,
        line1: '1 Test Street',
        line2: null,
        city: 'Testville',
        region: null,
        postalCode: '12345',
        country: 'US',
      },
      idempotencyKey,
      requestHash,
      at: now,
      actor,
      lines: priced,
      ledger: ledgerEntries(reservation, { reason: 'reserve', refType: 'order', actor }),
      created: {
        customerId: customer.id,
        customerName: customer.name,
        status: 'pending',
        totalCents,
        itemCount,
        createdAt: now.toISOString(),
      },
      jobName: 'process',
      jobIdPrefix: 'order-',
      payment: { provider: 'simulated', token: 'tok_legacy', brand: 'visa', last4: '4242' },
    });
    if (recorded.kind !== 'recorded') throw new Error(`idempotency key ${idempotencyKey} reused`);
    return recorded.orderId;
  } catch (error) {
    await c.query('ROLLBACK').catch(() => c.destroy());
    throw error;
  }
}

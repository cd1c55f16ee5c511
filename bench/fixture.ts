/**
 * The database of a run: a fresh one (createTestDatabase), seeded with @stockpulse/db's
 * seed (1,000 products, customers with addresses, no history), every product topped up
 * with plenty of stock (through a ledger row, so the invariants hold), and signed-in
 * customers: one session per client (createSession, no argon2 per client).
 */
import type { AppRouter } from '@stockpulse/api';
import { createSession, hashPassword, SESSION_COOKIE } from '@stockpulse/core';
import { testCategory } from '@stockpulse/core/testing';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { seed } from '@stockpulse/db/seed';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { RowDataPacket } from 'mysql2/promise';
import superjson from 'superjson';
import { poolFetch } from './http-client';

export const PRODUCTS = 1_000;
const TOP_UP = 10_000_000;

export interface Customer {
  id: number;
  name: string;
  token: string;
}

export interface Fixture {
  database: TestDatabase;
  handle: DatabaseHandle;
  productIds: number[];
  customers: Customer[];
  /** A new product with `onHand` units (opening ledger row): the hot row, the 50 units. */
  addProduct(onHand: number): Promise<number>;
  close(): Promise<void>;
}

export async function createFixture(serverUrl: string, customers: number): Promise<Fixture> {
  const database = await createTestDatabase(serverUrl);
  await seed(database.url, {
    products: PRODUCTS,
    customers,
    orders: 0,
    days: 1,
    adminEmail: 'admin@bench.invalid',
    adminPassword: 'bench-admin-password',
    hashPassword,
  });
  const handle = connect(database.url, { connectionLimit: 8 });
  const { pool } = handle;
  await pool.query(
    `INSERT INTO stock_movements (variant_id, location_id, delta_on_hand, reason, ref_type, actor, note)
     SELECT variant_id, location_id, ?, 'adjust', 'admin', 'bench', 'bench top-up' FROM inventory
     WHERE location_id = 1`,
    [TOP_UP],
  );
  await pool.query('UPDATE inventory SET on_hand = on_hand + ? WHERE location_id = 1', [TOP_UP]);
  // The simple products (one variant each): the load orders them by product id.
  const [products] = await pool.query<RowDataPacket[]>(
    `SELECT p.id FROM products p WHERE p.active = 1
       AND (SELECT COUNT(*) FROM variants v WHERE v.product_id = p.id) = 1 ORDER BY p.id`,
  );
  const [people] = await pool.query<RowDataPacket[]>(
    `SELECT u.id, u.name FROM users u JOIN customers c ON c.id = u.id
      WHERE c.address_line1 IS NOT NULL ORDER BY u.id`,
  );
  const signedIn = await Promise.all(
    people.map(async (row) => {
      const { token } = await createSession(handle.db, row.id as number);
      return { id: row.id as number, name: row.name as string, token };
    }),
  );
  let sku = 0;
  return {
    database,
    handle,
    productIds: products.map((row) => row.id as number),
    customers: signedIn,
    async addProduct(onHand) {
      sku += 1;
      const [product] = (await pool.query(
        `INSERT INTO products (sku, name, description, category, category_id, price_cents)
         VALUES (?, ?, 'A benchmark product.', 'Bench', ?, 500)`,
        [
          `BENCH-${process.pid}-${sku}`,
          `Bench product ${sku}`,
          await testCategory(handle.db, 'Bench'),
        ],
      )) as unknown as [{ insertId: number }];
      const [variant] = (await pool.query(
        `INSERT INTO variants (product_id, sku, options, price_cents) VALUES (?, ?, '{}', 500)`,
        [product.insertId, `BENCH-${process.pid}-${sku}`],
      )) as unknown as [{ insertId: number }];
      await pool.query(
        'INSERT INTO inventory (variant_id, location_id, product_id, on_hand) VALUES (?, 1, ?, ?)',
        [variant.insertId, product.insertId, onHand],
      );
      await pool.query(
        `INSERT INTO stock_movements (variant_id, location_id, delta_on_hand, reason, ref_type, actor)
         VALUES (?, 1, ?, 'opening', 'seed', 'bench')`,
        [variant.insertId, onHand],
      );
      return product.insertId;
    },
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

/**
 * The real tRPC client of a signed-in customer (the session cookie on every request), over
 * the load generator's lean fetch (http-client.ts).
 */
export function customerClient(url: string, customer: Customer): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: { cookie: `${SESSION_COOKIE}=${customer.token}` },
        fetch: poolFetch(url),
      }),
    ],
  });
}

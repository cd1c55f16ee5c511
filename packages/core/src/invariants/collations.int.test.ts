import { callSalesReport, findCollations } from '@stockpulse/db';
import { migrate } from '@stockpulse/db/migrate';
import { testDatabaseName, withDatabase } from '@stockpulse/devstack';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { placeOrder } from '../orders/placement';
import { transitionOrder } from '../orders/transition';
import { listCatalog } from '../products/storefront-list';
import { openWorld } from '../testing/world';
import { checkInvariants } from './check';

// Databases the project did not create itself: a DBA's `CREATE DATABASE stockpulse` takes
// the server's default (MariaDB: utf8mb4_general_ci; MySQL 8: utf8mb4_0900_ai_ci), or an
// older latin1 one. Migrations pin every table and procedure, so all of it must work.
const DEFAULTS = [
  ['utf8mb4', 'utf8mb4_general_ci'],
  ['latin1', 'latin1_swedish_ci'],
  ['utf8mb4', 'utf8mb4_unicode_520_ci'],
  ['utf8mb4', 'utf8mb4_unicode_ci'],
] as const;

const created: string[] = [];
const serverUrl = () => inject('databaseUrl');

async function onServer<T>(run: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({ uri: withDatabase(serverUrl(), 'mysql') });
  try {
    return await run(connection);
  } finally {
    await connection.end();
  }
}

afterAll(async () => {
  await onServer(async (connection) => {
    for (const name of created) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  });
});

describe.each(DEFAULTS)('a database created with %s / %s', (charset, collation) => {
  it('migrates with every table and procedure pinned, places and pays orders of any script, reports sales and passes the invariant check', async () => {
    const name = testDatabaseName();
    created.push(name);
    await onServer((connection) =>
      connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET ${charset} COLLATE ${collation}`),
    );
    const url = withDatabase(serverUrl(), name);
    const said: string[] = [];
    await migrate(url, { log: (line) => said.push(line) });
    if (collation === 'utf8mb4_unicode_ci') expect(said).toEqual([]);
    else {
      expect(said).toEqual([
        `database ${name} defaults to ${charset} / ${collation}; every table and procedure of Stockpulse is pinned to utf8mb4 / utf8mb4_unicode_ci`,
      ]);
    }
    const world = openWorld(url);
    try {
      const connection = await world.pool.getConnection();
      try {
        const found = await findCollations(connection);
        expect(found).toMatchObject({ unpinnedTables: [], unpinnedParameters: [] });
        const [columns] = await connection.query(
          `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLLATION_NAME AS collation
           FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
             AND COLLATION_NAME IS NOT NULL AND COLLATION_NAME <> 'utf8mb4_unicode_ci'
           ORDER BY 1, 2`,
        );
        // Only the search words compare byte for byte (0007).
        expect(columns).toEqual([
          { t: 'product_search_vocabulary', c: 'word', collation: 'utf8mb4_bin' },
          { t: 'product_search_words', c: 'word', collation: 'utf8mb4_bin' },
        ]);
      } finally {
        connection.release();
      }
      // Names latin1 cannot hold: refused ("Incorrect string value") in a latin1 table.
      const customer = await world.addCustomer({ name: 'Zoë Ørsted 李 🙂' });
      const product = await world.addProduct({ name: 'Crème brûlée torch 茶壶', onHand: 10 });
      const { order } = await placeOrder(world.db, {
        customerId: customer.id,
        customerName: customer.name,
        items: [{ productId: product, quantity: 2 }],
        idempotencyKey: 'clé-1',
        shippingAddress: {
          name: 'Zoë Ørsted 李',
          line1: '1 Straße 🙂',
          city: 'Zürich',
          postalCode: '8001',
          country: 'CH',
        },
      });
      await transitionOrder(world.db, { orderId: order.id, to: 'paid', actor: 'worker' });
      expect(await world.violations({ outbox: false })).toEqual([]);
      expect(await checkInvariants({ pool: world.pool }, { mode: 'recent' })).toMatchObject({
        ok: true,
      });
      const found = await listCatalog(world.db, { search: 'crème', limit: 10 } as never);
      expect(found.items.map((item) => item.id)).toEqual([product]);
      const day = new Date(Date.UTC(2000, 0, 1));
      const report = await callSalesReport(world.pool, {
        from: day,
        to: new Date(Date.now() + 86_400_000),
        bucket: 'day',
        top: 5,
      });
      expect(report.totals.orders).toBe(1);
      expect(report.topProducts[0]).toMatchObject({ name: 'Crème brûlée torch 茶壶' });
    } finally {
      await world.close();
    }
  });
});

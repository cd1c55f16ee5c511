import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from './migrate';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseUrl'), { migrate: false });
  });
  afterAll(() => database.drop());

  async function schemaSnapshot() {
    const connection = await mysql.createConnection({ uri: database.url });
    try {
      const [tables] = await connection.query(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1',
      );
      const [routines] = await connection.query(
        'SELECT routine_name AS name FROM information_schema.routines WHERE routine_schema = DATABASE() ORDER BY 1',
      );
      const [applied] = await connection.query('SELECT COUNT(*) AS n FROM __drizzle_migrations');
      return { tables, routines, applied };
    } finally {
      await connection.end();
    }
  }

  it('apply to an empty database, creating every table', async () => {
    await migrate(database.url);
    const { tables } = await schemaSnapshot();
    const names = (tables as { name: string }[]).map((t) => t.name);
    for (const table of [
      'users',
      'sessions',
      'customers',
      'products',
      'inventory',
      'stock_movements',
      'orders',
      'order_details',
      'order_events',
      'restocks',
      'outbox',
    ]) {
      expect(names).toContain(table);
    }
  });

  it('are a no-op the second time', async () => {
    const before = await schemaSnapshot();
    await migrate(database.url);
    expect(await schemaSnapshot()).toEqual(before);
  });
});

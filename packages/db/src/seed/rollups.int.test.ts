import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REBUILD_ROLLUPS_SQL, rebuildRollups } from '../rollups';
import { seed } from './index';
import { remainingRebuildStatements, TALLIED_ROLLUP_TABLES } from './rollups';

/** Every table REBUILD_ROLLUPS_SQL fills, so a rollup added there is compared here too. */
const REBUILT = [
  ...new Set(REBUILD_ROLLUPS_SQL.map((s) => /^INSERT INTO (\w+)/.exec(s)?.[1]).filter(Boolean)),
] as string[];

describe('the rollups the seed tallies as it writes', () => {
  let database: TestDatabase;
  let connection: Connection;

  /** Every row of `table` in primary-key order, without the rebuild's own timestamp. */
  async function rowsOf(table: string) {
    const [rows] = await connection.query<RowDataPacket[]>(`SELECT * FROM \`${table}\``);
    const [keys] = await connection.query<RowDataPacket[]>(
      `SELECT COLUMN_NAME AS c FROM information_schema.KEY_COLUMN_USAGE
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY'
        ORDER BY ORDINAL_POSITION`,
      [table],
    );
    const key = (row: RowDataPacket) => keys.map((k) => String(row[k.c as string])).join('|');
    return rows
      .map(({ rebuilt_at: _, ...row }) => row)
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseUrl'));
    await seed(database.url, {
      adminEmail: 'admin@stockpulse.local',
      adminPassword: 'admin-secret-1',
      hashPassword: async (plain) => `not-a-hash:${plain}`,
      products: 120,
      orders: 4000,
      // Over a month boundary, with recent paid and shipped orders and every cancel kind.
      days: 45,
      now: new Date('2026-03-10T09:45:00.000Z'),
    });
    connection = await mysql.createConnection({ uri: database.url, timezone: 'Z' });
  });
  afterAll(async () => {
    await connection?.end();
    await database?.drop();
  });

  it('covers the sales, product-sales and order-count rollups, and runs the rest of the rebuild', () => {
    expect(REBUILT).toEqual(expect.arrayContaining([...TALLIED_ROLLUP_TABLES]));
    expect(remainingRebuildStatements().join('\n')).toMatch(/INSERT INTO rollup_state/);
    for (const table of TALLIED_ROLLUP_TABLES) {
      expect(remainingRebuildStatements().join('\n')).not.toContain(` ${table} `);
    }
  });

  it('equals, row for row, what REBUILD_ROLLUPS_SQL computes from the orders', async () => {
    const tallied: Record<string, unknown[]> = {};
    for (const table of REBUILT) tallied[table] = await rowsOf(table);
    // A history that exercises every grain: several months, many hours, each status.
    expect((tallied.product_sales_rollup as { grain: string }[]).map((r) => r.grain)).toEqual(
      expect.arrayContaining(['hour', 'day', 'month']),
    );
    expect(tallied.order_status_counts).toHaveLength(4);
    expect(tallied.rollup_state).toEqual([{ id: 1, folded_through_outbox_id: 0 }]);

    await rebuildRollups(connection);
    for (const table of REBUILT) {
      const rebuilt = await rowsOf(table);
      // The seed writes no refunds: refund_rollup is empty either way.
      if (table !== 'refund_rollup') expect(rebuilt.length, table).toBeGreaterThan(0);
      expect(tallied[table], table).toEqual(rebuilt);
    }
  });
});

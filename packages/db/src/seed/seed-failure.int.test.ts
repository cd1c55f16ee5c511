import { hash } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ensureDatabase } from '../migrate';
import { isSeeded, seed } from './index';

/** SHOW CREATE TABLE of every table, without the AUTO_INCREMENT counters. */
async function definitions(url: string): Promise<Record<string, string>> {
  const connection = await mysql.createConnection({ uri: url });
  try {
    const [tables] = await connection.query<RowDataPacket[]>(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
    );
    const out: Record<string, string> = {};
    for (const { t } of tables) {
      const [rows] = await connection.query<RowDataPacket[]>(`SHOW CREATE TABLE \`${t}\``);
      out[t] = String(rows[0]!['Create Table']).replace(/ AUTO_INCREMENT=\d+/, '');
    }
    return out;
  } finally {
    await connection.end();
  }
}

describe('a seed that fails', () => {
  const databases: TestDatabase[] = [];
  afterAll(() => Promise.all(databases.map((d) => d.drop())));

  // LOAD DATA LOCAL makes a bad value a warning (the value cut short), which fails the
  // seed just as INSERT's error does.
  it.each([
    ['load', /: loading users: 1 warning\(s\): Data truncated for column 'email' at row 1$/],
    ['insert', /: Data too long for column 'email' at row 1$/],
  ] as const)(
    'says why and removes its partial rows, so the database can be seeded again (%s)',
    async (format, reason) => {
      const database = await createTestDatabase(inject('databaseUrl'));
      databases.push(database);
      // users.email is VARCHAR(254): the server rejects this address mid-load.
      const tooLong = `${'a'.repeat(260)}@stockpulse.local`;
      const options = {
        adminPassword: 'x-secret',
        hashPassword: (plain: string) => hash(plain),
        format,
      };
      const definitionsBefore = await definitions(database.url);
      const failure = seed(database.url, { ...options, adminEmail: tooLong, orders: 50 });
      await expect(failure).rejects.toThrow(
        /^Seeding database "sp_test_\w+" failed \(its partial rows were removed\): /,
      );
      await expect(failure).rejects.toThrow(reason);
      // The indexes and foreign keys the load had set aside are back.
      expect(await definitions(database.url)).toEqual(definitionsBefore);
      const connection = await mysql.createConnection({ uri: database.url });
      try {
        const [rows] = await connection.query<RowDataPacket[]>(
          'SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM products) + (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM stock_movements) + (SELECT COUNT(*) FROM product_sales_rollup) AS n',
        );
        expect(Number(rows[0]!.n)).toBe(0);
      } finally {
        await connection.end();
      }
      const summary = await seed(database.url, {
        ...options,
        adminEmail: 'admin@example.com',
        orders: 50,
        products: 20,
      });
      expect(summary.counts.orders).toBe(50);
      expect(await isSeeded(database.url)).toBe(true);
    },
  );

  it('refuses a database without the tables, telling to migrate first', async () => {
    const bare = await createTestDatabase(inject('databaseUrl'), { migrate: false });
    try {
      await ensureDatabase(bare.url);
      await expect(
        seed(bare.url, { adminEmail: 'a@b.c', adminPassword: 'x', hashPassword: (p) => hash(p) }),
      ).rejects.toThrow(/its tables are missing; run the migrations first/);
    } finally {
      await bare.drop();
    }
  });
});

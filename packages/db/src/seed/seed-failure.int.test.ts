import { hash } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureDatabase } from '../migrate';
import { isSeeded, seed } from './index';

describe('a seed that fails', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseUrl'));
  });
  afterAll(() => database?.drop());

  it('says why and removes its partial rows, so the database can be seeded again', async () => {
    // users.email is VARCHAR(254): the server rejects this address mid-load.
    const tooLong = `${'a'.repeat(260)}@stockpulse.local`;
    const options = { adminPassword: 'x-secret', hashPassword: (plain: string) => hash(plain) };
    await expect(
      seed(database.url, { ...options, adminEmail: tooLong, orders: 50 }),
    ).rejects.toThrow(
      /Seeding database "sp_test_\w+" failed \(its partial rows were removed\): .*too long/i,
    );
    const connection = await mysql.createConnection({ uri: database.url });
    try {
      const [rows] = await connection.query<RowDataPacket[]>(
        'SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM products) + (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM stock_movements) AS n',
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
  });

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

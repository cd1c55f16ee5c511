import { readFileSync } from 'node:fs';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// Migration 0012 turns an existing shop's free-text categories into records: its custom
// part, run here on products that carry only the old text (category_id NULL).

const MIGRATION = new URL('../migrations/0012_categories.sql', import.meta.url);

/** The statements after the `-- custom:` line. */
function customStatements(): string[] {
  const statements = readFileSync(MIGRATION, 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim());
  const first = statements.findIndex((s) => s.startsWith('-- custom:'));
  expect(first).toBeGreaterThan(0);
  return statements.slice(first);
}

const OLD_CATEGORIES = [
  'Kitchen',
  'kitchen', // the same category to the old GROUP BY (and the collation)
  'Toys & Games',
  'Toys Games', // another category with the same ASCII slug
  'Café',
  '***',
  'Kitchen',
];

describe('migration 0012 carries free-text categories forward', () => {
  let database: TestDatabase;
  let connection: mysql.Connection;
  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseUrl'));
    connection = await mysql.createConnection({ uri: database.url, charset: 'utf8mb4' });
    for (const [i, category] of OLD_CATEGORIES.entries()) {
      await connection.query(
        'INSERT INTO products (id, sku, name, description, category, price_cents) VALUES (?, ?, ?, ?, ?, ?)',
        [i + 1, `OLD-${i + 1}`, `Old product ${i + 1}`, '', category, 100],
      );
    }
    for (const statement of customStatements()) await connection.query(statement);
  });
  afterAll(async () => {
    await connection.end();
    await database.drop();
  });

  const rows = async <T>(sql: string) =>
    (await connection.query<RowDataPacket[]>(sql))[0] as unknown as T[];

  it('creates one top-level category per distinct name, each with a unique slug', async () => {
    const categories = await rows<{ id: number; name: string; slug: string; parent_id: null }>(
      'SELECT id, name, slug, parent_id FROM categories ORDER BY id',
    );
    expect(categories.map((c) => c.name)).toEqual([
      '***',
      'Café',
      'Kitchen',
      'Toys & Games',
      'Toys Games',
    ]);
    const slugs = Object.fromEntries(categories.map((c) => [c.name, c.slug]));
    expect(slugs).toEqual({
      '***': 'category',
      Café: 'caf',
      Kitchen: 'kitchen',
      'Toys & Games': 'toys-games',
      'Toys Games': `toys-games-${categories[4]!.id}`,
    });
    expect(categories.every((c) => c.parent_id === null)).toBe(true);
  });

  it('points every product at its category, the name spelled as the record spells it', async () => {
    const products = await rows<{ id: number; category: string; record: string | null }>(
      `SELECT p.id, p.category, c.name AS record FROM products p
       LEFT JOIN categories c ON c.id = p.category_id ORDER BY p.id`,
    );
    expect(products.map((p) => p.record)).toEqual([
      'Kitchen',
      'Kitchen',
      'Toys & Games',
      'Toys Games',
      'Café',
      '***',
      'Kitchen',
    ]);
    expect(products.every((p) => p.category === p.record)).toBe(true);
  });

  it('leaves a table the categories API writes to as usual (the unique sibling name)', async () => {
    await expect(
      connection.query("INSERT INTO categories (name, slug) VALUES ('KITCHEN', 'kitchen-x')"),
    ).rejects.toMatchObject({ errno: 1062 });
  });
});

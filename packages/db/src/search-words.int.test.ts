import { readFileSync } from 'node:fs';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { productWords, wordsOf } from './search-words';

// Migration 0007 fills `product_search_words` for an existing shop in SQL; the seed and
// admin.products.* write it from search-words.ts. The two must give the same words.

const MIGRATION = new URL('../migrations/0007_product_search_words.sql', import.meta.url);

/** The migration's statements that fill the table (between creating it and its index). */
function fillStatements(): string[] {
  const statements = readFileSync(MIGRATION, 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim());
  const first = statements.findIndex((s) => s.includes('CREATE TABLE `product_search_text`'));
  const last = statements.findIndex((s) => s.includes('DROP TABLE `product_search_text`'));
  expect(first).toBeGreaterThan(0);
  expect(last).toBeGreaterThan(first);
  return statements.slice(first, last + 1);
}

const AWKWARD = [
  { name: 'Café Crème 4K-TV', sku: 'KIT-00012', description: 'USB-C; naïve “quotes” — and—dashes' },
  { name: 'İSTANBUL ΟΔΟΣ Straße', sku: 'a_b.c/d', description: 'ΣΊΣΥΦΟΣ ǅemal Ǆ' },
  { name: '日本茶 お茶 x² ½ ①', sku: 'JP-001', description: '   ' },
  { name: 'Emoji 🍵 mug 🍵', sku: 'E-1', description: 'tab\tnew\nline\r\nend' },
  { name: `${'Supercalifragilistic'.repeat(3)} long`, sku: 'L-1', description: 'x'.repeat(100) },
  { name: 'Repeat repeat REPEAT', sku: 'repeat-REPEAT', description: 'Repeat.' },
  { name: '---', sku: '***', description: '' },
  { name: "O'Brien's Ñandú Øre Æble", sku: 'Ö-2', description: 'ﬁne ﬂour Ⅻ ⅻ' },
];

describe('the migration fills the same words as search-words.ts', () => {
  let database: TestDatabase;
  let connection: mysql.Connection;
  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseUrl'));
    connection = await mysql.createConnection({ uri: database.url, charset: 'utf8mb4' });
  });
  afterAll(async () => {
    await connection.end();
    await database.drop();
  });

  it('on awkward names, SKUs and descriptions', async () => {
    for (const [i, p] of AWKWARD.entries()) {
      await connection.query(
        'INSERT INTO products (id, sku, name, description, category, price_cents) VALUES (?, ?, ?, ?, ?, ?)',
        [i + 1, p.sku, p.name, p.description, 'Test', 100],
      );
    }
    // The migration creates the vocabulary as it fills it: from scratch here too.
    await connection.query('DROP TABLE product_search_vocabulary');
    for (const statement of fillStatements()) await connection.query(statement);
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT product_id, word, name FROM product_search_words',
    );
    for (const [i, p] of AWKWARD.entries()) {
      const mine = rows.filter((r) => Number(r.product_id) === i + 1);
      expect(mine.every((r) => r.name === p.name)).toBe(true);
      expect(mine.map((r) => String(r.word)).sort(), p.name).toEqual(productWords(p).sort());
    }
    const [vocabulary] = await connection.query<RowDataPacket[]>(
      'SELECT word FROM product_search_vocabulary ORDER BY word',
    );
    expect(vocabulary.map((r) => String(r.word))).toEqual(
      [...new Set(AWKWARD.flatMap(productWords))].sort((a, b) =>
        Buffer.compare(Buffer.from(a), Buffer.from(b)),
      ),
    );
    // The rules themselves, spelled out.
    expect(wordsOf('İSTANBUL ΟΔΟΣ USB-C x²')).toEqual(['istanbul', 'οδοσ', 'usb', 'c', 'x²']);
    expect(wordsOf('a'.repeat(40))).toEqual(['a'.repeat(32)]);
  });
});

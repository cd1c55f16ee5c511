import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BulkTable, BulkWriter } from './bulk';
import { bulkFormat, openSeedConnection } from './database';

const TRICKY = [
  'O\'Brien said "hi"',
  'tab\there, newline\nthere, return\r, back\\slash, nul\0, ctrl-z\x1a',
  'Zoë, café ☕, clef 𝄞',
  '\\N',
  'NULL',
  '',
  '?',
];

const TABLE: BulkTable = {
  name: 'bulk_probe',
  insertSql: 'INSERT INTO `bulk_probe` (`id`, `s`, `n`, `b`, `at`) VALUES ',
  columnList: '`id`, `s`, `n`, `b`, `at`',
  columns: 5,
};

describe('the bulk writer', () => {
  let database: TestDatabase;
  let connection: Connection;

  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseUrl'));
    connection = await openSeedConnection(database.url);
  });
  afterAll(async () => {
    await connection?.end();
    await database?.drop();
  });

  it('uses LOAD DATA LOCAL INFILE on this server (MariaDB allows it by default)', async () => {
    expect(await bulkFormat(connection)).toBe('load');
  });

  it.each(['load', 'insert'] as const)(
    'stores every value as given (%s), over statements of a few rows',
    async (format) => {
      await connection.query('DROP TABLE IF EXISTS bulk_probe');
      await connection.query(
        'CREATE TABLE bulk_probe (id INT PRIMARY KEY, s VARCHAR(200) NULL, n INT NULL, b BOOLEAN NOT NULL, at DATETIME(3) NOT NULL) DEFAULT CHARSET utf8mb4',
      );
      const rows = TRICKY.flatMap((s, i) => [
        [2 * i + 1, s, 7 * i - 20, true, '2026-03-01 12:34:56.789'],
        [2 * i + 2, null, null, false, '1999-12-31 23:59:59.000'],
      ]);
      const other = await openSeedConnection(database.url);
      try {
        const writer = new BulkWriter([connection, other], [TABLE], {
          format,
          statementBytes: 100,
        });
        for (const row of rows) {
          writer.add(TABLE, row);
          if (writer.full) await writer.flush();
        }
        await writer.finish();
        expect(writer.written.get('bulk_probe')).toBe(rows.length);
      } finally {
        await other.end();
      }
      const [stored] = await connection.query<RowDataPacket[]>(
        "SELECT id, s, n, b, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f') AS at FROM bulk_probe ORDER BY id",
      );
      expect(stored.map((r) => [r.id, r.s, r.n, r.b === 1, String(r.at).slice(0, 23)])).toEqual(
        rows,
      );
    },
  );

  it('fails on a value the column cannot hold, in either format', async () => {
    await connection.query('DROP TABLE IF EXISTS bulk_probe');
    await connection.query(
      'CREATE TABLE bulk_probe (id INT PRIMARY KEY, s VARCHAR(3), n INT, b BOOLEAN, at DATETIME(3))',
    );
    for (const format of ['load', 'insert'] as const) {
      const writer = new BulkWriter([connection], [TABLE], { format });
      writer.add(TABLE, [1, 'four', 1, true, '2026-03-01 00:00:00.000']);
      await expect(writer.finish()).rejects.toThrow(/column 's'/);
    }
    const [rows] = await connection.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM bulk_probe');
    // LOAD DATA's row went in cut short before its warning was read; INSERT's did not.
    expect(Number(rows[0]!.n)).toBeLessThanOrEqual(1);
  });
});

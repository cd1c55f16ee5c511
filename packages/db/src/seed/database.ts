import { Readable } from 'node:stream';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import type { RowFormat } from './row-text';
import { ROLLUP_TABLES, SEED_TABLE_ORDER } from './tables';

/** Tallied from the history as it is written (rollups.ts). */
const ROLLUPS = Object.values(ROLLUP_TABLES).map((t) => t.name);

/** A UTC connection: the bulk load's session settings are set on each (setBulkLoad). */
export async function openSeedConnection(url: string): Promise<Connection> {
  const connection = await mysql.createConnection({
    uri: url,
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    // The bulk INSERTs are SQL text already (sql-text.ts): mysql2's formatter would scan
    // every megabyte of it for `?` placeholders (8 % of the seed's CPU).
    queryFormat: (sql: string, values: unknown) =>
      Array.isArray(values) && values.length > 0 ? mysql.format(sql, values, false, 'Z') : sql,
  });
  await connection.query("SET time_zone = '+00:00'");
  return connection;
}

/** Tables that must be empty before seeding (the seed's own, plus the ones it leaves empty). */
const GUARDED_TABLES = [...SEED_TABLE_ORDER.map((t) => t.name), 'sessions', 'outbox'];

/** The guarded tables that hold at least one row. */
export async function nonEmptyTables(connection: Connection, database: string): Promise<string[]> {
  const probes = GUARDED_TABLES.map((t) => `EXISTS (SELECT 1 FROM \`${t}\`) AS \`${t}\``);
  try {
    const [rows] = await connection.query<RowDataPacket[]>(`SELECT ${probes.join(', ')}`);
    const row = rows[0];
    return GUARDED_TABLES.filter((t) => Number(row?.[t]) === 1);
  } catch (error) {
    if ((error as { errno?: number }).errno === 1146) {
      throw new Error(
        `Cannot seed database "${database}": its tables are missing; run the migrations first`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** True when the database already has a catalog (any product). */
export async function isSeeded(databaseUrl: string): Promise<boolean> {
  const connection = await openSeedConnection(databaseUrl);
  try {
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT EXISTS (SELECT 1 FROM products) AS seeded',
    );
    return Number(rows[0]?.seeded) === 1;
  } finally {
    await connection.end();
  }
}

/** Bulk-load mode for this session only: the seed's rows are consistent by construction. */
export async function setBulkLoad(connection: Connection, on: boolean): Promise<void> {
  const flag = on ? 0 : 1;
  await connection.query(`SET SESSION foreign_key_checks = ${flag}, unique_checks = ${flag}`);
}

/**
 * 'load' when the server accepts LOAD DATA LOCAL INFILE (MariaDB's default; MySQL 8 has
 * local_infile off unless configured), tried with an empty file; 'insert' otherwise.
 */
export async function bulkFormat(connection: Connection): Promise<RowFormat> {
  try {
    await connection.query({
      sql: "LOAD DATA LOCAL INFILE 'probe.tsv' INTO TABLE order_status_counts (status, orders)",
      infileStreamFactory: () => Readable.from([]),
    });
    return 'load';
  } catch {
    return 'insert';
  }
}

/** Removes a failed seed's partial rows (the tables were empty when it began). */
export async function emptySeedTables(connection: Connection): Promise<void> {
  await setBulkLoad(connection, true);
  // The payments rows are written by SQL after the orders (payments.ts), not by the writer.
  const tables = ['refunds', 'payments', ...[...SEED_TABLE_ORDER].reverse().map((t) => t.name)];
  for (const table of [...ROLLUPS, ...tables]) {
    await connection.query(`TRUNCATE TABLE \`${table}\``);
  }
  await setBulkLoad(connection, false);
}

/**
 * Refreshes the optimizer's statistics after the bulk load: stale ones (a few rows per
 * table) make the planner pick nested full scans that take seconds on a few thousand rows.
 */
export async function analyzeSeedTables(connection: Connection): Promise<void> {
  await connection.query(
    `ANALYZE TABLE ${[...SEED_TABLE_ORDER.map((t) => t.name), ...ROLLUPS].map((t) => `\`${t}\``).join(', ')}`,
  );
}

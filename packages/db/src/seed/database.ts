import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { SEED_TABLE_ORDER } from './tables';

/** Filled from the history once it is written (src/rollups.ts). */
const ROLLUP_TABLES = ['sales_rollup', 'product_sales_rollup', 'order_status_counts'];

/** One UTC connection: the bulk load runs on it so its session settings apply throughout. */
export async function openSeedConnection(url: string): Promise<Connection> {
  const connection = await mysql.createConnection({
    uri: url,
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
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

/** Removes a failed seed's partial rows (the tables were empty when it began). */
export async function emptySeedTables(connection: Connection): Promise<void> {
  await setBulkLoad(connection, true);
  for (const table of [...SEED_TABLE_ORDER].reverse()) {
    await connection.query(`TRUNCATE TABLE \`${table.name}\``);
  }
  await setBulkLoad(connection, false);
}

/**
 * Refreshes the optimizer's statistics after the bulk load: stale ones (a few rows per
 * table) make the planner pick nested full scans that take seconds on a few thousand rows.
 */
export async function analyzeSeedTables(connection: Connection): Promise<void> {
  await connection.query(
    `ANALYZE TABLE ${[...SEED_TABLE_ORDER.map((t) => t.name), ...ROLLUP_TABLES].map((t) => `\`${t}\``).join(', ')}`,
  );
}

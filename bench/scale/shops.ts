/**
 * The two shops of `npm run bench -- --scale`: built once and reused while still valid.
 *
 * A shop is reused when its marker (bench_scale_shop, written after a successful seed)
 * records the same seed options, its applied migrations are the start of the current
 * ones, hash for hash (the missing ones are then applied, as a real shop is upgraded),
 * and its row counts still equal those the seed wrote. Anything else, or
 * `--scale-rebuild`: the database is dropped and seeded again.
 */
import { hashPassword } from '@stockpulse/core';
import { dropDatabase, MIGRATIONS_FOLDER, migrate } from '@stockpulse/db';
import { type SeedSummary, seed } from '@stockpulse/db/seed';
import { withDatabase } from '@stockpulse/devstack';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';

export interface ShopSpec {
  /** 'ref' or 'small': the column of the table. */
  role: string;
  database: string;
  products: number;
  orders: number;
}

/** The admin every bench shop is seeded with (the customers share DEMO_CUSTOMER's password). */
export const SCALE_ADMIN = { email: 'admin@bench-scale.invalid', password: 'bench-scale-admin' };

export interface Shop extends ShopSpec {
  url: string;
  /** How long the seed took when the shop was built (this run or an earlier one). */
  seedMs: number;
  builtAt: string;
  reused: boolean;
  /** The order history ends here: the report's ranges are anchored on it. */
  historyEnd: Date;
  /** Migrations applied now that were not when the shop was built. */
  migratedForward: number;
}

const MARKER = 'bench_scale_shop';
/** The tables whose counts must still be the seed's. */
const COUNTED = [
  'users',
  'customers',
  'products',
  'restocks',
  'orders',
  'order_details',
  'order_events',
  'stock_movements',
] as const;

interface Marker {
  options: string;
  seedMs: number;
  builtAt: string;
  historyEnd: string;
  counts: string;
}

const seedOptions = (spec: ShopSpec) =>
  JSON.stringify({ products: spec.products, orders: spec.orders, admin: SCALE_ADMIN.email });

async function open(url: string): Promise<Connection> {
  return mysql.createConnection({ uri: url, timezone: 'Z' });
}

async function counts(connection: Connection): Promise<string> {
  const parts = COUNTED.map((t) => `(SELECT COUNT(*) FROM \`${t}\`) AS \`${t}\``);
  const [rows] = await connection.query<RowDataPacket[]>(`SELECT ${parts.join(', ')}`);
  return JSON.stringify(COUNTED.map((t) => Number(rows[0]![t])));
}

/**
 * Why the shop at `url` cannot be reused (or null when it can), and how many migrations
 * it lacks; the shop is left untouched.
 */
async function check(
  url: string,
  spec: ShopSpec,
): Promise<{ why: string | null; missing: number; marker?: Marker }> {
  let connection: Connection;
  try {
    connection = await open(url);
  } catch (error) {
    if ((error as { errno?: number }).errno === 1049) return { why: 'not built yet', missing: 0 };
    throw error;
  }
  try {
    const [markers] = await connection
      .query<RowDataPacket[]>(`SELECT * FROM ${MARKER} WHERE id = 1`)
      .catch(() => [[] as RowDataPacket[]]);
    const row = markers[0];
    if (!row) return { why: 'no marker of a finished seed', missing: 0 };
    const marker: Marker = {
      options: String(row.options),
      seedMs: Number(row.seed_ms),
      builtAt: new Date(row.built_at as Date).toISOString(),
      historyEnd: new Date(row.history_end as Date).toISOString(),
      counts: String(row.counts),
    };
    if (marker.options !== seedOptions(spec)) {
      return { why: `seeded with ${marker.options}`, missing: 0 };
    }
    const [applied] = await connection.query<RowDataPacket[]>(
      'SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at, id',
    );
    const current = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
    const diverged = applied.findIndex(
      (m, i) => current[i]?.hash !== m.hash || current[i]?.folderMillis !== Number(m.created_at),
    );
    if (diverged >= 0) {
      return {
        why: `its migration ${diverged} is not the current one (edited or removed)`,
        missing: 0,
      };
    }
    if ((await counts(connection)) !== marker.counts) {
      return { why: 'its rows changed since the seed', missing: 0 };
    }
    return { why: null, missing: current.length - applied.length, marker };
  } finally {
    await connection.end();
  }
}

async function build(url: string, spec: ShopSpec, log: (line: string) => void): Promise<Marker> {
  await dropDatabase(url);
  await migrate(url);
  const summary: SeedSummary = await seed(url, {
    products: spec.products,
    orders: spec.orders,
    adminEmail: SCALE_ADMIN.email,
    adminPassword: SCALE_ADMIN.password,
    hashPassword,
    progress: true,
  });
  log(`  seeded in ${(summary.durationMs / 1000).toFixed(1)} s`);
  const connection = await open(url);
  try {
    await connection.query(
      `CREATE TABLE ${MARKER} (id TINYINT PRIMARY KEY, options TEXT NOT NULL, seed_ms INT NOT NULL,
        built_at DATETIME(3) NOT NULL, history_end DATETIME(3) NOT NULL, counts TEXT NOT NULL)`,
    );
    const marker: Marker = {
      options: seedOptions(spec),
      seedMs: summary.durationMs,
      builtAt: new Date().toISOString(),
      historyEnd: summary.to.toISOString(),
      counts: await counts(connection),
    };
    await connection.query(`INSERT INTO ${MARKER} VALUES (1, ?, ?, ?, ?, ?)`, [
      marker.options,
      marker.seedMs,
      new Date(marker.builtAt),
      new Date(marker.historyEnd),
      marker.counts,
    ]);
    return marker;
  } finally {
    await connection.end();
  }
}

/** The shop of `spec` on the server of `serverUrl`: reused if valid, else built. */
export async function ensureShop(
  serverUrl: string,
  spec: ShopSpec,
  options: { rebuild: boolean; log: (line: string) => void },
): Promise<Shop> {
  const url = withDatabase(serverUrl, spec.database);
  const label = `${spec.role} shop (${spec.database}: --products ${spec.products} --orders ${spec.orders})`;
  const found = options.rebuild
    ? { why: '--scale-rebuild', missing: 0, marker: undefined }
    : await check(url, spec);
  if (found.why === null && found.marker) {
    if (found.missing > 0) {
      options.log(`${label}: reused; applying ${found.missing} newer migration(s)`);
      await migrate(url);
    } else options.log(`${label}: reused (built ${found.marker.builtAt})`);
    return {
      ...spec,
      url,
      seedMs: found.marker.seedMs,
      builtAt: found.marker.builtAt,
      historyEnd: new Date(found.marker.historyEnd),
      reused: true,
      migratedForward: found.missing,
    };
  }
  options.log(`${label}: building (${found.why})`);
  const marker = await build(url, spec, options.log);
  return {
    ...spec,
    url,
    seedMs: marker.seedMs,
    builtAt: marker.builtAt,
    historyEnd: new Date(marker.historyEnd),
    reused: false,
    migratedForward: 0,
  };
}

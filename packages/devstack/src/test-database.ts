import { randomBytes } from 'node:crypto';
import { dropDatabase, migrate, splitDatabaseUrl } from '@stockpulse/db';
import mysql from 'mysql2/promise';
import { serverUrlOf } from './urls';

/** Test databases are named `sp_test_<yyyymmddhhmm>_<random>` so stale ones can be found. */
export const TEST_DATABASE_PREFIX = 'sp_test_';

export function testDatabaseName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 12);
  return `${TEST_DATABASE_PREFIX}${stamp}_${randomBytes(4).toString('hex')}`;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated database on the same server as `serverOrDatabaseUrl`. */
export async function createTestDatabase(
  serverOrDatabaseUrl: string,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const url = withDatabase(serverOrDatabaseUrl, testDatabaseName());
  splitDatabaseUrl(url);
  if (options.migrate !== false) await migrate(url);
  return { url, drop: () => dropDatabase(url) };
}

/** When the test database `name` was created, from the UTC stamp in its name. */
export function testDatabaseCreatedAt(name: string): Date | undefined {
  const match = /^sp_test_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})_[0-9a-f]+$/.exec(name);
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi));
}

/** The test databases among `names` created more than `maxAgeMs` before `now`. */
export function staleTestDatabases(names: string[], now = new Date(), maxAgeMs = 24 * 3600_000) {
  return names.filter((name) => {
    const createdAt = testDatabaseCreatedAt(name);
    return createdAt !== undefined && now.getTime() - createdAt.getTime() > maxAgeMs;
  });
}

/** Drops the `sp_test_*` databases that runs killed before their teardown left behind. */
export async function dropStaleTestDatabases(serverOrDatabaseUrl: string): Promise<string[]> {
  const connection = await mysql.createConnection({ uri: serverUrlOf(serverOrDatabaseUrl) });
  try {
    const [rows] = await connection.query("SHOW DATABASES LIKE 'sp\\_test\\_%'");
    const names = (rows as Record<string, string>[]).map((row) => Object.values(row)[0] ?? '');
    const stale = staleTestDatabases(names);
    for (const name of stale) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    return stale;
  } finally {
    await connection.end();
  }
}

import { randomBytes } from 'node:crypto';
import { dropDatabase, migrate, splitDatabaseUrl } from '@stockpulse/db';

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

import { fileURLToPath } from 'node:url';
import { migrate as drizzleMigrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import { connect } from './client';
import {
  describeCollations,
  describeUnpinned,
  findCollations,
  PINNED_CHARSET,
  PINNED_COLLATION,
} from './collations';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

/** Splits `mysql://user:pass@host:port/name?x=y` into the server URL and the database name. */
export function splitDatabaseUrl(url: string): { serverUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    throw new Error(
      `DATABASE_URL must name a database of letters, digits and _ (got "${database}")`,
    );
  }
  parsed.pathname = '/';
  return { serverUrl: parsed.toString(), database };
}

/** Creates the database of `url` if the server does not have it yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(url);
  const connection = await mysql.createConnection({ uri: serverUrl });
  try {
    // utf8mb4_unicode_ci exists on MySQL 8 and MariaDB alike (0900_ai_ci is MySQL-only).
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(url);
  const connection = await mysql.createConnection({ uri: serverUrl });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

export interface MigrateOptions {
  /** Told what the database's collations were, when it is not as `ensureDatabase` makes it. */
  log?: (line: string) => void;
  /** Another folder of migrations (a test's copy holding only the first few). */
  migrationsFolder?: string;
}

/**
 * Creates the database if needed and applies every committed migration not yet applied.
 * A database created by someone else may default to another collation (migration 0008
 * pins ours whatever it is): what was found, and what is left, goes to `log`.
 */
export async function migrate(url: string, options: MigrateOptions = {}): Promise<void> {
  await ensureDatabase(url);
  const connection = await mysql.createConnection({ uri: url });
  const handle = connect(url, { connectionLimit: 1 });
  try {
    const before = await findCollations(connection);
    await drizzleMigrate(handle.db, {
      migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER,
    });
    const found = describeCollations(before);
    if (found !== null) {
      const left = describeUnpinned(await findCollations(connection));
      options.log?.(
        `${found}; ${left === null ? `every table and procedure of Stockpulse is pinned to ${PINNED_CHARSET} / ${PINNED_COLLATION}` : `still not pinned: ${left}`}`,
      );
    }
  } finally {
    await connection.end();
    await handle.close();
  }
}

import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql, { type Pool, type PoolOptions } from 'mysql2/promise';
import * as schema from './schema';

/**
 * Drizzle over a mysql2 pool (`poolOf` hands that pool out): the few paths that send their
 * own SQL text (order placement, the invariant checks) take connections from it.
 */
export type Database = MySql2Database<typeof schema> & { $client: Pool };

/**
 * The mysql2 pool behind a Drizzle database, for the statements the query builder cannot
 * express or read (placement's procedure call, the invariants' windows over unions).
 * The one way to reach it from a `Database`; a `DatabaseHandle` carries the same pool.
 */
export function poolOf(db: Database): Pool {
  return db.$client;
}

export interface DatabaseHandle {
  db: Database;
  pool: Pool;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Connections in the pool; one per concurrent transaction the process runs. */
  connectionLimit?: number;
}

export function poolOptions(url: string, options: ConnectOptions = {}): PoolOptions {
  return {
    uri: url,
    connectionLimit: options.connectionLimit ?? 10,
    // Dates cross the wire as UTC; the session time zone is pinned below as well, so
    // CURRENT_TIMESTAMP defaults and the report procedures bucket in UTC too.
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: true,
    multipleStatements: false,
    // mysql2's promise API otherwise captures a stack trace on every query (3 % of the
    // server's CPU under checkout load, by profile) to decorate the rare failing one;
    // drizzle's DrizzleQueryError already names the failing statement.
    trace: false,
  };
}

/** A mysql2 pool whose every connection runs in UTC, at READ COMMITTED. */
export function createPool(url: string, options: ConnectOptions = {}): Pool {
  const pool = mysql.createPool(poolOptions(url, options));
  // The core (callback) connection queues this before any query the pool hands it.
  pool.pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
    // Every stock and status change is a conditional UPDATE or a locking read, which see
    // the latest commit at any level; READ COMMITTED spares the gap locks that make
    // concurrent inserts on a unique index (idempotency keys) deadlock under REPEATABLE READ.
    connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  });
  return pool;
}

export function connect(url: string, options: ConnectOptions = {}): DatabaseHandle {
  const pool = createPool(url, options);
  const db: Database = drizzle({ client: pool, schema, mode: 'default', casing: 'snake_case' });
  return { db, pool, close: () => pool.end() };
}

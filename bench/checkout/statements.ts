/**
 * (3) of the throughput benchmark: the SQL statements one placement issues, counted for real. The API runs
 * in this process as apps/server runs it per request — `createContext` (the session
 * lookup from the cookie's token) then `orders.place` through `createCaller` — over a
 * @stockpulse/db pool whose every connection is wrapped, so each `query`/`execute` the
 * mysql2 connections see is recorded (on the pool and inside transactions alike).
 * The pool's two per-connection SETs happen once per connection; the pool is warmed first
 * so they are not counted.
 */
import { randomBytes } from 'node:crypto';
import { createCaller, createContext, type Log, type SessionHooks } from '@stockpulse/api';
import { SessionCache } from '@stockpulse/core';
import { connect } from '@stockpulse/db';
import { Redis } from 'ioredis';
import type { Fixture } from '../fixture';
import { countStatementKinds } from '../stats';
import { createRawPool, RAW_STATEMENTS, rawPlace } from './raw-placement';

const silent: Log = { info() {}, warn() {}, error() {} };

export interface StatementCount {
  /** Statements of one 3-line `orders.place`, session lookup included (the median of 3). */
  total: number;
  sessionLookup: number;
  /** The same request when the server's session cache holds the session (a warm customer). */
  totalCached: number;
  placement: number;
  kinds: Record<string, number>;
  statements: string[];
  /**
   * What MariaDB counted for the same request on its one connection (SHOW SESSION STATUS):
   * `questions` = statements the client sent (round trips), `queries` = those plus the
   * statements run inside stored programs (a CALL counts its body too).
   */
  server: { questions: number; queries: number } | null;
  /** Counted the same way for raw-placement.ts, and what it says it sends. */
  raw: number;
  rawListed: number;
  target: number;
}

type Sql = string | { sql: string };
const textOf = (sql: Sql) => (typeof sql === 'string' ? sql : sql.sql);
const short = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 110);

interface Wrappable {
  query: (...args: unknown[]) => unknown;
  execute: (...args: unknown[]) => unknown;
}

/** Wraps every connection of a mysql2 pool; the returned list receives each statement. */
function record(pool: { pool: { on(event: 'connection', fn: (c: Wrappable) => void): void } }) {
  const seen: string[] = [];
  pool.pool.on('connection', (connection) => {
    for (const method of ['query', 'execute'] as const) {
      const original = connection[method].bind(connection);
      connection[method] = (...args: unknown[]) => {
        seen.push(short(textOf(args[0] as Sql)));
        return original(...args);
      };
    }
  });
  return seen;
}

export async function countStatements(
  fixture: Fixture,
  redisUrl: string,
  redisPrefix: string,
): Promise<StatementCount> {
  const handle = connect(fixture.database.url, { connectionLimit: 2 });
  const seen = record(handle.pool as never);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const rawPool = createRawPool(fixture.database.url, 1);
  const rawSeen = record(rawPool as never);
  try {
    const customer = fixture.customers[0]!;
    const ids = fixture.productIds;
    // As apps/server runs it: the second request of a customer is answered from the cache.
    const cache = new SessionCache({ ttlMs: 60_000 });
    cache.enable();
    const sessions: SessionHooks = { cache, forget: async (which) => cache.forget(which) };
    const place = async (k: number, cached = false) => {
      const before = seen.length;
      const ctx = await createContext({
        ...(cached ? { sessions } : {}),
        db: handle.db,
        redis,
        redisPrefix,
        requestId: `bench-count-${k}`,
        log: silent,
        sessionToken: customer.token,
        clientAddress: '127.0.0.1',
        userAgent: 'bench',
      });
      const afterSession = seen.length;
      await createCaller(ctx).orders.place({
        items: [0, 1, 2].map((i) => ({ productId: ids[(k * 3 + i) % ids.length]!, quantity: 1 })),
        idempotencyKey: `count-${randomBytes(6).toString('hex')}`,
      });
      return {
        session: afterSession - before,
        statements: seen.slice(before),
      };
    };
    await place(100); // warms the pool: connection set-up statements happen here
    const runs = [await place(101), await place(102), await place(103)];
    runs.sort((a, b) => a.statements.length - b.statements.length);
    const mid = runs[1]!;
    await place(104, true); // fills the cache
    const warm = await place(105, true);
    const server = await serverSideCount(fixture, redis, redisPrefix).catch(() => null);

    await rawPlace(
      rawPool,
      customer,
      [{ productId: ids[0]!, quantity: 1 }],
      `cr-${randomBytes(6).toString('hex')}`,
    );
    const rawBefore = rawSeen.length;
    await rawPlace(
      rawPool,
      customer,
      [0, 1, 2].map((i) => ({ productId: ids[i + 10]!, quantity: 1 })),
      `cr-${randomBytes(6).toString('hex')}`,
    );
    return {
      total: mid.statements.length,
      sessionLookup: mid.session,
      totalCached: warm.statements.length,
      placement: mid.statements.length - mid.session,
      kinds: countStatementKinds(mid.statements),
      statements: mid.statements,
      server,
      raw: rawSeen.length - rawBefore,
      rawListed: RAW_STATEMENTS.length,
      target: 12,
    };
  } finally {
    redis.disconnect();
    await rawPool.end();
    await handle.close();
  }
}

/**
 * The same request over a pool of ONE connection, between two reads of that connection's
 * status counters; the reads' own share is measured with nothing between them and taken off.
 */
async function serverSideCount(fixture: Fixture, redis: Redis, redisPrefix: string) {
  const handle = connect(fixture.database.url, { connectionLimit: 1 });
  try {
    const status = async () => {
      const [rows] = (await handle.pool.query(
        "SHOW SESSION STATUS WHERE Variable_name IN ('Questions', 'Queries')",
      )) as unknown as [{ Variable_name: string; Value: string }[]];
      const of = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value);
      return { questions: of('Questions'), queries: of('Queries') };
    };
    const customer = fixture.customers[1]!;
    const ids = fixture.productIds;
    const once = async (k: number) => {
      const ctx = await createContext({
        db: handle.db,
        redis,
        redisPrefix,
        requestId: `bench-count-server-${k}`,
        log: silent,
        sessionToken: customer.token,
        clientAddress: '127.0.0.1',
        userAgent: 'bench',
      });
      await createCaller(ctx).orders.place({
        items: [0, 1, 2].map((i) => ({ productId: ids[(k * 3 + i) % ids.length]!, quantity: 1 })),
        idempotencyKey: `count-${randomBytes(6).toString('hex')}`,
      });
    };
    await once(200); // the connection and its set-up statements
    const a = await status();
    const b = await status();
    await once(201);
    const c = await status();
    return {
      questions: c.questions - b.questions - (b.questions - a.questions),
      queries: c.queries - b.queries - (b.queries - a.queries),
    };
  } finally {
    await handle.close();
  }
}

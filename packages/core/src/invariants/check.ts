import type { Pool, PoolConnection } from 'mysql2/promise';
import { INVARIANTS } from './registry';
import { onConnection, onPool } from './runner';
import { recentScope } from './scope';
import type { Invariant, InvariantViolation, Query, RecentScope } from './types';

export type CheckMode = 'recent' | 'full';

export interface CheckOptions {
  /** `full`: every row (the CLI); `recent` (default): what changed since `since`. */
  mode?: CheckMode;
  /** Recent mode's window start; an hour before the database's clock by default. */
  since?: Date;
  /** Connections a pool target runs invariants on at once (3 by default). */
  concurrency?: number;
  /** The invariants to run (all of them by default). */
  invariants?: readonly Invariant[];
}

export interface InvariantReport {
  invariant: number;
  name: string;
  violations: number;
  durationMs: number;
}

export interface CheckResult {
  ok: boolean;
  mode: CheckMode;
  checkedAt: Date;
  durationMs: number;
  /** Every violation, by invariant then entity id. */
  violations: InvariantViolation[];
  /** Each invariant's count and time, in the order of DESIGN §4. */
  invariants: InvariantReport[];
  /** Recent mode: the window and how much it covered. */
  scope?: { since: Date; variants: number; orders: number };
}

/**
 * Where to check: a pool, on which each invariant runs in its own consistent snapshot on
 * up to `concurrency` connections at once; or one connection, on which they run one after
 * another inside whatever transaction the caller holds (a test that breaks a row without
 * committing sees the check find it).
 */
export type CheckTarget = { pool: Pool } | { connection: PoolConnection };

const HOUR_MS = 3_600_000;

/**
 * The invariants of DESIGN §4 against the live database; no violation means healthy.
 * Each invariant reads in one snapshot (snapshot.ts), so orders placed and paid while it
 * runs cannot make it report a false violation.
 */
export async function checkInvariants(
  target: CheckTarget,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const mode = options.mode ?? 'recent';
  const invariants = options.invariants ?? INVARIANTS;
  const checkedAt = new Date();
  const started = performance.now();
  const run =
    'pool' in target
      ? onPool(target.pool, options.concurrency ?? 3)
      : onConnection(target.connection);

  let scope: RecentScope | undefined;
  if (mode === 'recent') {
    scope = await run.once(async (query) => {
      const since = options.since ?? (await databaseNow(query, -HOUR_MS));
      return recentScope(query, since);
    });
  }
  const reports = await run.each(
    invariants,
    async (invariant, query, connection) => {
      const begun = performance.now();
      const found = scope
        ? await invariant.recent(query, scope, connection)
        : await invariant.full(query, connection);
      return {
        found,
        report: {
          invariant: invariant.number,
          name: invariant.name,
          violations: found.length,
          durationMs: Math.round(performance.now() - begun),
        },
      };
    },
    { bigSorts: mode === 'full' },
  );

  const violations = reports
    .flatMap((r) => r.found)
    .sort((a, b) => a.invariant - b.invariant || a.entityId - b.entityId);
  return {
    ok: violations.length === 0,
    mode,
    checkedAt,
    durationMs: Math.round(performance.now() - started),
    violations,
    invariants: reports.map((r) => r.report).sort((a, b) => a.invariant - b.invariant),
    ...(scope && {
      scope: {
        since: scope.since,
        variants: scope.variantIds.length,
        orders: scope.orderIds.length,
      },
    }),
  };
}

/** The database's clock plus `offsetMs`: rows are stamped by it, not by this process's. */
async function databaseNow(query: Query, offsetMs: number): Promise<Date> {
  const [row] = await query('SELECT UTC_TIMESTAMP(3) AS now');
  return new Date((row!.now as Date).getTime() + offsetMs);
}

// Test-only (the EXPLAIN guardrail): calls one row of the table through the tRPC caller,
// as the admin, the busy customer or nobody, records what it sent, and says what is wrong
// with the plans, in words a developer can act on.

import type { RedisClient } from '@stockpulse/core';
import type { Database, DatabaseHandle } from '@stockpulse/db';
import { appRouter, createCaller } from '../root';
import { silentLog } from '../testing/browser';
import { createContext } from '../trpc';
import type { Call, Earlier, Role, Shop } from './calls';
import {
  type ExplainedRead,
  explainReads,
  formatPlanRow,
  type Statement,
  type StatementRecorder,
} from './capture';

export interface GuardrailDeps {
  db: Database;
  redis: RedisClient;
  redisPrefix: string;
  recorder: StatementRecorder;
  /** A separate pool on the same database, for the EXPLAINs (not recorded). */
  explainPool: DatabaseHandle['pool'];
  shop: Shop;
}

export interface CallOutcome {
  result: unknown;
  reads: ExplainedRead[];
  /** What the call sent, as recorded (to EXPLAIN elsewhere, e.g. on the reference shop). */
  statements: Statement[];
  /** Empty when every plan passes; otherwise one paragraph per problem. */
  failures: string[];
}

interface ProcedureRecord {
  _def: { type: string };
}

/** Every procedure of the app router by path (`admin.orders.list`) and kind. */
export function procedures(): Map<string, string> {
  // At run time `_def.procedures` is flat, keyed by dotted path (its type is the nested router).
  const record = appRouter._def.procedures as unknown as Record<string, ProcedureRecord>;
  return new Map(Object.entries(record).map(([path, p]) => [path, p._def.type]));
}

/**
 * A caller whose context is built as the server builds it, with the session put in place
 * rather than read from a cookie: the sign-in is not what is measured, and nothing is
 * written (so it can run on the shared reference shop too).
 */
async function callerFor(deps: GuardrailDeps, role: Role) {
  const ctx = await createContext({
    db: deps.db,
    redis: deps.redis,
    redisPrefix: deps.redisPrefix,
    requestId: 'explain-guardrail',
    log: silentLog,
    clientAddress: '203.0.113.9',
    userAgent: 'vitest',
  });
  const session =
    role === 'admin' ? deps.shop.admin : role === 'customer' ? deps.shop.busyCustomer : null;
  return createCaller({ ...ctx, session });
}

function procedureAt(caller: unknown, path: string): (input?: unknown) => Promise<unknown> {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input?: unknown,
  ) => Promise<unknown>;
}

function describeRead(read: ExplainedRead): string {
  return read.via ? `${read.sql}\n    (a statement of ${read.via})` : read.sql;
}

/** Runs `call`, EXPLAINs every read it sent, and lists what breaks a rule. */
export async function runCall(
  deps: GuardrailDeps,
  call: Call,
  earlier: Earlier,
): Promise<CallOutcome> {
  const caller = await callerFor(deps, call.as);
  const input = call.input?.(deps.shop, earlier);
  const { result, statements } = await deps.recorder.during(() =>
    procedureAt(caller, call.path)(input),
  );
  const reads = await explainReads(deps.explainPool, statements);
  const failures: string[] = [];
  const accepted = new Set<NonNullable<Call['accept']>[number]>();
  for (const read of reads) {
    if (read.error) {
      failures.push(`could not EXPLAIN (${read.error}):\n    ${describeRead(read)}`);
    }
    const found = [
      ...read.problems.map((p) => ({ why: p.why, row: p.row })),
      // ANALYZE's count, shown with the plan row of the same table.
      ...read.examined.map((p) => ({
        why: p.why,
        row: read.plan.find((row) => row.table === p.access.table),
      })),
    ];
    for (const { why, row } of found) {
      const accept = call.accept?.find((a) => a.problem.test(why));
      if (accept) accepted.add(accept);
      else {
        const plan = row ? `\n    plan: ${formatPlanRow(row)}` : '';
        failures.push(`${why}\n    SQL:  ${describeRead(read)}${plan}`);
      }
    }
  }
  if (reads.length === 0) {
    failures.push(
      `sent no SELECT at all (${statements.length} statements recorded): is the capture broken?`,
    );
  }
  const named = new Set(reads.flatMap((read) => read.tables));
  const unread = call.reads.filter((table) => !named.has(table));
  if (reads.length > 0 && unread.length > 0) {
    failures.push(
      `read none of ${unread.join(', ')} (its reads named ${[...named].join(', ') || 'nothing'}): is the capture broken, or does the row need updating?`,
    );
  }
  for (const accept of call.accept ?? []) {
    if (!accepted.has(accept)) {
      failures.push(`accepts ${accept.problem}, which no longer occurs: remove the exception`);
    }
  }
  return { result, reads, statements, failures };
}

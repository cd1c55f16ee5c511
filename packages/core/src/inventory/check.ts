import type { Database } from '@stockpulse/db';
import type { Pool } from 'mysql2/promise';
import { type CheckMode, type CheckResult, checkInvariants } from '../invariants';

/**
 * The mysql2 pool behind a Drizzle database (drizzle's `$client`), for the statements the
 * query builder cannot express or read (stored procedures, windows over unions).
 */
export function poolOf(db: Database): Pool {
  const client = (db as unknown as { $client?: Pool }).$client;
  if (!client || typeof client.query !== 'function') {
    throw new Error('this database has no mysql2 pool behind it');
  }
  return client;
}

/**
 * The invariants of DESIGN §4 against the live database (`admin.inventory.check`): by
 * default what changed in the last hour, in about a second; `full` reads every row.
 */
export function checkInventory(
  db: Database,
  input: { mode?: CheckMode } = {},
): Promise<CheckResult> {
  return checkInvariants({ pool: poolOf(db) }, { mode: input.mode ?? 'recent' });
}

import { callInventoryCheck, type Database, type InvariantViolation } from '@stockpulse/db';
import type { Pool } from 'mysql2/promise';

/**
 * The mysql2 pool behind a Drizzle database (drizzle's `$client`), for the stored
 * procedures, which answer several result sets Drizzle cannot read.
 */
export function poolOf(db: Database): Pool {
  const client = (db as unknown as { $client?: Pool }).$client;
  if (!client || typeof client.query !== 'function') {
    throw new Error('this database has no mysql2 pool behind it');
  }
  return client;
}

/** The invariants of DESIGN §4 checked against the live database: empty means healthy. */
export async function checkInventory(
  db: Database,
): Promise<{ ok: boolean; violations: InvariantViolation[] }> {
  const violations = await callInventoryCheck(poolOf(db));
  return { ok: violations.length === 0, violations };
}

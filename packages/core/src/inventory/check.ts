import { type Database, poolOf } from '@stockpulse/db';
import { type CheckMode, type CheckResult, checkInvariants } from '../invariants';

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

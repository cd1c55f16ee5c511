import type { LiveOrderChange } from '@stockpulse/live';

/**
 * The newest live change per order among those younger than `windowMs`: the rows that
 * should still show their "new" or "updated" cue. `changes` is newest first.
 */
export function recentChanges(
  changes: readonly LiveOrderChange[],
  now: number,
  windowMs: number,
): Map<number, LiveOrderChange> {
  const recent = new Map<number, LiveOrderChange>();
  for (const change of changes) {
    if (now - change.at > windowMs) break;
    if (!recent.has(change.orderId)) recent.set(change.orderId, change);
  }
  return recent;
}

import type { RowDataPacket } from 'mysql2/promise';

/**
 * A recent check names its rows in `IN (?)` lists; a busy hour can touch tens of
 * thousands, so they go in batches that keep each statement small and its plan a range
 * over the index. All batches run on the same snapshot connection, so they agree.
 */
const BATCH = 2_000;

export async function inBatches(
  ids: readonly number[],
  run: (batch: number[]) => Promise<RowDataPacket[]>,
): Promise<RowDataPacket[]> {
  const rows: RowDataPacket[] = [];
  for (let start = 0; start < ids.length; start += BATCH) {
    for (const row of await run(ids.slice(start, start + BATCH))) rows.push(row);
  }
  return rows;
}

/** Distinct ids, ascending (what `IN (?)` ranges read best). */
export function distinctIds(...lists: Iterable<number>[]): number[] {
  const set = new Set<number>();
  for (const list of lists) for (const id of list) set.add(id);
  return [...set].sort((a, b) => a - b);
}

import type { PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { Query } from './types';

/** The statements of `connection` as a `Query`. */
export function queryOn(connection: PoolConnection): Query {
  return async (text, params = []) => (await connection.query<RowDataPacket[]>(text, params))[0];
}

/**
 * Room for the full check's big sorts and groupings in memory, for this session only. On
 * the reference shop (DESIGN §10) the status-history window sorts 4.9 M rows: 35 s when
 * its temporary table spills to disk at the default 16 MB, 7 s held in memory. Session
 * variables, portable to MySQL 8, set back to the server's defaults when the check ends.
 */
const ROOM_FOR_BIG_SORTS = [
  ['max_heap_table_size', 512 * 1024 * 1024],
  ['tmp_table_size', 512 * 1024 * 1024],
  ['sort_buffer_size', 16 * 1024 * 1024],
] as const;

/**
 * Runs `work` in a read-only REPEATABLE READ transaction opened WITH CONSISTENT SNAPSHOT:
 * every statement it sends reads the database as it was at that instant, whatever commits
 * meanwhile, so values compared across statements cannot disagree because a placement or
 * a payment landed between them. The pool's sessions stay at READ COMMITTED: `SET
 * TRANSACTION` applies to the next transaction only.
 */
export async function inSnapshot<T>(
  connection: PoolConnection,
  work: (query: Query) => Promise<T>,
  options: { bigSorts?: boolean } = {},
): Promise<T> {
  if (options.bigSorts) {
    await connection.query(
      `SET ${ROOM_FOR_BIG_SORTS.map(([name]) => `SESSION ${name} = ?`).join(', ')}`,
      ROOM_FOR_BIG_SORTS.map(([, bytes]) => bytes),
    );
  }
  try {
    await connection.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    try {
      return await work(queryOn(connection));
    } finally {
      // Read only: COMMIT and ROLLBACK end it alike; this one never fails on a live link.
      await connection.query('ROLLBACK');
    }
  } finally {
    if (options.bigSorts) {
      await connection.query(
        `SET ${ROOM_FOR_BIG_SORTS.map(([name]) => `SESSION ${name} = DEFAULT`).join(', ')}`,
      );
    }
  }
}

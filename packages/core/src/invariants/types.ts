import type { InvariantViolation } from '@stockpulse/db';
import type { PoolConnection, RowDataPacket } from 'mysql2/promise';

export type { InvariantViolation };

/**
 * One statement on the connection an invariant was given. That connection is inside a
 * REPEATABLE READ transaction opened WITH CONSISTENT SNAPSHOT (see snapshot.ts), so every
 * statement an invariant sends reads the same committed state: it may compare a count
 * from one statement with a sum from the next without a writer slipping in between.
 */
export type Query = (text: string, params?: unknown[]) => Promise<RowDataPacket[]>;

/**
 * What changed in the window of a recent check, found by scope.ts. "Recent" is a
 * primary-key suffix of each append-only table: ids follow insertion order, so the rows
 * written since `since` are those from the first id at or after it.
 */
export interface RecentScope {
  since: Date;
  /** The first id written at or after `since` in each table (one past the end if none). */
  firstIds: { orders: number; orderEvents: number; stockMovements: number };
  /** Variants whose ledger moved in the window, and those on the lines of `orderIds`. */
  variantIds: number[];
  /** Orders placed in the window, with a status event in it, or with ledger rows of theirs or their shipments in it. */
  orderIds: number[];
}

/**
 * One invariant of DESIGN §4 (or §10), in two variants: `full` reads every row, `recent`
 * only the rows of the scope. Both answer the violations found, in any order, and must
 * agree on the rows both cover. Add one by writing its file and listing it in registry.ts.
 * `connection` is the one `query` sends on, already in its snapshot, for an invariant that
 * needs the driver itself (Drizzle over it, say); it must not end the transaction.
 */
export interface Invariant {
  /**
   * Its number (DESIGN §4: 1–7; §10: 8, the rollups; §11: 9 the allocations, 10 the stock
   * rows' products, 11 the categories; §12: 12 payment amounts, 13 payment status, 20 lines'
   * shipped/cancelled = their allocations', 21 shipments add up, 30–32 the returns), which
   * every violation carries.
   */
  readonly number: number;
  /** A few words for the CLI and the admin: "stock equals the ledger". */
  readonly name: string;
  /**
   * Full mode on a big shop runs a few heavy statements at once, one per connection:
   * those marked heavy start first, so the light ones fill in around them.
   */
  readonly heavy?: boolean;
  full(query: Query, connection: PoolConnection): Promise<InvariantViolation[]>;
  recent(
    query: Query,
    scope: RecentScope,
    connection: PoolConnection,
  ): Promise<InvariantViolation[]>;
}

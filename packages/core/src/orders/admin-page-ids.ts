import { type Database, schema } from '@stockpulse/db';
import type { OrderStatus } from '@stockpulse/shared';
import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from 'drizzle-orm';
import { matchedUsers } from '../customers/search';

/**
 * The ids of one page of the admin's orders list, in its order, read through an index
 * that matches the sort (migration 0005): the rows themselves are looked up afterwards,
 * for the page only. Three plans, one per kind of filter:
 *
 * - no search: a range of the sort's own index, `(status, key)` with a status and
 *   `(key)` without (InnoDB appends the id, the tie-break);
 * - a search that matches few customers (`FEW_MATCHES`): one range of
 *   `(customer_id, key, id)` per customer, each at most a page long, merged (a sort of at
 *   most customers × page rows, in a derived table);
 * - a broader search: the sort's index walked in order, each order kept when its customer
 *   (in the index too) is among the matches (a derived table of user ids, materialised
 *   once, looked up by key). The matches are many, so a page is found after a few pages'
 *   worth of index entries, and no order row is read until the page is known.
 */

const { orders } = schema;

export const ADMIN_ORDER_SORTS = ['newest', 'oldest', 'total_desc', 'total_asc'] as const;
export type AdminOrderSort = (typeof ADMIN_ORDER_SORTS)[number];

/** Where a page ended: the last row's sort key (ms since epoch, or total cents) and id. */
export interface AdminOrderCursor {
  key: number;
  id: number;
}

export interface OrderPageQuery {
  status?: OrderStatus | undefined;
  sort: AdminOrderSort;
  cursor?: AdminOrderCursor | undefined;
  /** Rows to fetch: the page's limit plus one, which tells whether a next page exists. */
  rows: number;
}

/** Each sort as its column and direction; ties are broken by id in the same direction. */
const SORTS = {
  newest: { column: orders.createdAt, descending: true, time: true },
  oldest: { column: orders.createdAt, descending: false, time: true },
  total_desc: { column: orders.totalCents, descending: true, time: false },
  total_asc: { column: orders.totalCents, descending: false, time: false },
} as const;

/** The index of each kind of sort, without a status and with one. */
const INDEXES = {
  time: { all: 'orders_time_idx', status: 'orders_status_time_idx' },
  total: { all: 'orders_total_idx', status: 'orders_status_total_idx' },
} as const;

/** Past the cursor in the sort's direction: `key < k OR (key = k AND id < i)` (or `>`). */
function pastCursor(query: OrderPageQuery): SQL | undefined {
  const { cursor } = query;
  if (!cursor) return undefined;
  const { column, descending, time } = SORTS[query.sort];
  const key = time ? new Date(cursor.key) : cursor.key;
  const past = descending ? lt : gt;
  return or(past(column, key), and(eq(column, key), past(orders.id, cursor.id)));
}

/** The status and cursor conditions every plan shares. */
function pageWhere(query: OrderPageQuery, ...more: (SQL | undefined)[]) {
  return and(
    query.status ? eq(orders.status, query.status) : undefined,
    pastCursor(query),
    ...more,
  );
}

function orderByOf(query: OrderPageQuery) {
  const { column, descending } = SORTS[query.sort];
  const direction = descending ? desc : asc;
  return [direction(column), direction(orders.id)];
}

/** No search: a range of the sort's index, which the optimizer finds on its own. */
export async function pageIds(db: Database, query: OrderPageQuery): Promise<number[]> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(pageWhere(query))
    .orderBy(...orderByOf(query))
    .limit(query.rows);
  return rows.map((row) => row.id);
}

/**
 * The page among these customers' orders: each customer's first `rows` by the sort, read
 * from `(customer_id, key, id, status…)` (a status is checked in the index, without
 * reading rows), then merged.
 */
export async function pageIdsOfCustomers(
  db: Database,
  query: OrderPageQuery,
  customerIds: number[],
): Promise<number[]> {
  if (customerIds.length === 0) return [];
  const { column, descending, time } = SORTS[query.sort];
  const index = time ? 'orders_customer_time_idx' : 'orders_customer_total_idx';
  // Drizzle puts each embedded SELECT in parentheses, as UNION needs with ORDER BY/LIMIT.
  const ranges = customerIds.map((customerId) =>
    db
      .select({ id: orders.id, sortKey: sql`${column}`.as('sort_key') })
      // Forced: with a rare status the optimizer may rather read that status's range of
      // `(status, key)`, a range that grows with the shop, for each customer.
      .from(orders, { forceIndex: index })
      .where(pageWhere(query, eq(orders.customerId, customerId)))
      .orderBy(...orderByOf(query))
      .limit(query.rows),
  );
  if (ranges.length === 1) return (await ranges[0]!).map((row) => row.id);
  const direction = descending ? sql`DESC` : sql`ASC`;
  return selectIds(
    db,
    sql`SELECT id FROM (${sql.join(ranges, sql` UNION ALL `)}) AS page
        ORDER BY sort_key ${direction}, id ${direction} LIMIT ${query.rows}`,
  );
}

/**
 * The page among the orders of every customer `matches` selects, many customers: the
 * sort's index walked in order (STRAIGHT_JOIN: left alone, MariaDB reads the matching
 * users first and sorts all of their orders), each order looked up among the matches.
 */
export async function pageIdsOfMatching(
  db: Database,
  query: OrderPageQuery,
  matches: SQL,
): Promise<number[]> {
  const { time } = SORTS[query.sort];
  const index = INDEXES[time ? 'time' : 'total'][query.status ? 'status' : 'all'];
  return selectIds(
    db,
    sql`SELECT STRAIGHT_JOIN ${orders.id} AS id
        FROM ${orders} FORCE INDEX (${sql.identifier(index)})
        JOIN ${matchedUsers(matches)} ON matched.user_id = ${orders.customerId}
        WHERE ${pageWhere(query) ?? sql`TRUE`}
        ORDER BY ${sql.join(orderByOf(query), sql`, `)}
        LIMIT ${query.rows}`,
  );
}

/** The `id` column of a statement drizzle cannot build (UNION of ranges, STRAIGHT_JOIN). */
async function selectIds(db: Database, statement: SQL): Promise<number[]> {
  const [rows] = (await db.execute(statement)) as unknown as [{ id: number }[]];
  return rows.map((row) => Number(row.id));
}

import { type Database, schema } from '@stockpulse/db';
import type { OrderStatus } from '@stockpulse/shared';
import { and, asc, desc, eq, gt, inArray, like, lt, or, type SQL, sql } from 'drizzle-orm';
import { type CursorKey, containsPattern, decodeCursor, encodeCursor, pageOf } from '../paging';

export const ADMIN_ORDER_SORTS = ['newest', 'oldest', 'total_desc', 'total_asc'] as const;
export type AdminOrderSort = (typeof ADMIN_ORDER_SORTS)[number];

/** Where a page ended: the last row's sort key (ms since epoch, or total cents) and id. */
export interface AdminOrderCursor {
  key: number;
  id: number;
}

export interface AdminOrderQuery {
  status?: OrderStatus | undefined;
  /** An order id (`123` or `#123`), or else part of the customer's name or email. */
  search?: string | undefined;
  sort: AdminOrderSort;
  cursor?: AdminOrderCursor | undefined;
  limit: number;
}

export interface AdminOrderRow {
  id: number;
  customerId: number;
  customerName: string;
  customerEmail: string;
  status: OrderStatus;
  totalCents: number;
  itemCount: number;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function decodeAdminOrderCursor(text: string, sort: AdminOrderSort) {
  // The newest/oldest sorts key on created_at: a time, which must fit a DATETIME.
  const byTime = sort === 'newest' || sort === 'oldest';
  const keys = decodeCursor(text, sort, [byTime ? 'time' : 'int', 'int']);
  return keys ? { key: keys[0] as number, id: keys[1] as number } : null;
}

const { orders, users } = schema;

/** Each sort as its column and direction; ties broken by id in the same direction. */
const SORTS = {
  newest: { column: orders.createdAt, descending: true },
  oldest: { column: orders.createdAt, descending: false },
  total_desc: { column: orders.totalCents, descending: true },
  total_asc: { column: orders.totalCents, descending: false },
} as const;

function keyOf(sort: AdminOrderSort, row: AdminOrderRow): CursorKey {
  return sort === 'newest' || sort === 'oldest' ? row.createdAt.getTime() : row.totalCents;
}

/** Digits (`42`, `#42`) name an order; any other text is part of a customer's name or email. */
function searchCondition(search: string): SQL {
  const id = /^#?(\d{1,15})$/.exec(search);
  if (id) return eq(orders.id, Number(id[1]));
  const pattern = containsPattern(search);
  return sql`${orders.customerId} IN (SELECT ${users.id} FROM ${users} WHERE ${or(
    like(users.name, pattern),
    like(users.email, pattern),
  )})`;
}

/**
 * Every customer's orders for the console, a keyset page at a time. The time sorts read
 * `orders (status, created_at)` with a status, `orders (created_at)` without; the total
 * sorts have no index of their own and sort the filtered rows.
 */
export async function listAdminOrders(db: Database, query: AdminOrderQuery) {
  const { column, descending } = SORTS[query.sort];
  const conditions: (SQL | undefined)[] = [];
  if (query.status) conditions.push(eq(orders.status, query.status));
  if (query.search) conditions.push(searchCondition(query.search));
  if (query.cursor) {
    const key = column === orders.createdAt ? new Date(query.cursor.key) : query.cursor.key;
    const past = descending ? lt : gt;
    conditions.push(or(past(column, key), and(eq(column, key), past(orders.id, query.cursor.id))));
  }
  const direction = descending ? desc : asc;
  const rows: AdminOrderRow[] = await db
    .select({
      id: orders.id,
      customerId: orders.customerId,
      customerName: users.name,
      customerEmail: users.email,
      status: orders.status,
      totalCents: orders.totalCents,
      itemCount: orders.itemCount,
      cancelReason: orders.cancelReason,
      createdAt: orders.createdAt,
      updatedAt: orders.updatedAt,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.customerId))
    .where(and(...conditions))
    .orderBy(direction(column), direction(orders.id))
    .limit(query.limit + 1);
  return pageOf(rows, query.limit, (last) =>
    encodeCursor(query.sort, [keyOf(query.sort, last), last.id]),
  );
}

/** The email of each customer among `ids` (for views that carry only the name). */
export async function customerEmails(db: Database, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.email]));
}

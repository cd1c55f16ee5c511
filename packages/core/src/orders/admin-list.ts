import { type Database, schema } from '@stockpulse/db';
import type { OrderStatus } from '@stockpulse/shared';
import { eq, inArray } from 'drizzle-orm';
import { customerSearchCondition, fewMatchingUsers } from '../customers/search';
import { decodeCursor, encodeCursor, pageOf } from '../paging';
import {
  type AdminOrderCursor,
  type AdminOrderSort,
  type OrderPageQuery,
  pageIds,
  pageIdsOfCustomers,
  pageIdsOfMatching,
} from './admin-page-ids';

export {
  ADMIN_ORDER_SORTS,
  type AdminOrderCursor,
  type AdminOrderSort,
} from './admin-page-ids';

export interface AdminOrderQuery {
  status?: OrderStatus | undefined;
  /** An order id (`123` or `#123`), or else words of the customer's name or email. */
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

const keyOf = (sort: AdminOrderSort, row: AdminOrderRow) =>
  sort === 'newest' || sort === 'oldest' ? row.createdAt.getTime() : row.totalCents;

export interface AdminOrderListOptions {
  /** Above this many matching customers a search walks the sort's index (tests lower it). */
  fewMatches?: number;
}

/** The ids of the page (limit + 1 of them), by the plan the search calls for. */
async function idsFor(
  db: Database,
  query: AdminOrderQuery,
  { fewMatches }: AdminOrderListOptions,
): Promise<number[]> {
  const page: OrderPageQuery = { ...query, rows: query.limit + 1 };
  if (!query.search) return pageIds(db, page);
  // Digits (`42`, `#42`) name an order: at most one row, whatever the sort.
  const orderId = /^#?(\d{1,15})$/.exec(query.search);
  if (orderId) {
    const [row] = await db
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(eq(orders.id, Number(orderId[1])));
    const shown = row && (!query.status || row.status === query.status) && !query.cursor;
    return shown ? [row.id] : [];
  }
  const matches = await customerSearchCondition(db, query.search);
  if (!matches) return [];
  const few = await fewMatchingUsers(db, matches, fewMatches);
  return few ? pageIdsOfCustomers(db, page, few) : pageIdsOfMatching(db, page, matches);
}

/** The page's rows with their customer's name and email, in the order of `ids`. */
async function rowsOf(db: Database, ids: number[]): Promise<AdminOrderRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
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
    .where(inArray(orders.id, ids));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Every customer's orders for the console, a keyset page at a time: the page's ids first,
 * through an index that matches the sort (see admin-page-ids.ts), then those rows and their
 * customers' names by primary key.
 */
export async function listAdminOrders(
  db: Database,
  query: AdminOrderQuery,
  options: AdminOrderListOptions = {},
) {
  const rows = await rowsOf(db, await idsFor(db, query, options));
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

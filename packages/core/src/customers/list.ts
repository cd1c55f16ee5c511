import { type Database, schema } from '@stockpulse/db';
import { and, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor, pageOf } from '../paging';
import { customerSearchCondition, fewMatchingUsers, matchedUsers } from './search';
import { type CustomerStats, NO_ORDERS, statsOf } from './stats';

const { users, customers } = schema;

export interface CustomerRow extends CustomerStats {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  createdAt: Date;
}

export interface CustomerQuery {
  search?: string | undefined;
  cursor?: { id: number } | undefined;
  limit: number;
  /** Above this many matching people a search walks `customers` (tests lower it). */
  fewMatches?: number | undefined;
}

export function decodeCustomerCursor(text: string): { id: number } | null {
  const keys = decodeCursor(text, 'customers', ['int']);
  return keys ? { id: keys[0] as number } : null;
}

export const profileColumns = {
  id: customers.id,
  name: users.name,
  email: users.email,
  phone: customers.phone,
  createdAt: users.createdAt,
};

const pastCursor = (query: CustomerQuery) =>
  query.cursor ? lt(customers.id, query.cursor.id) : undefined;

/**
 * The ids of the page (limit + 1), newest customer first: a range of the `customers`
 * primary key, narrowed to the ids of a search that matches few people; for a broad
 * search, that range walked with each id looked up among the matches (STRAIGHT_JOIN:
 * MariaDB would otherwise read the matches first and sort them all).
 */
async function pageIds(db: Database, query: CustomerQuery): Promise<number[]> {
  const rows = query.limit + 1;
  let narrow: SQL | undefined;
  if (query.search) {
    const matches = await customerSearchCondition(db, query.search);
    if (!matches) return [];
    const few = await fewMatchingUsers(db, matches, query.fewMatches);
    if (!few) {
      const [found] = (await db.execute(
        sql`SELECT STRAIGHT_JOIN ${customers.id} AS id FROM ${customers}
            JOIN ${matchedUsers(matches)} ON matched.user_id = ${customers.id}
            WHERE ${pastCursor(query) ?? sql`TRUE`}
            ORDER BY ${customers.id} DESC LIMIT ${rows}`,
      )) as unknown as [{ id: number }[]];
      return found.map((row) => Number(row.id));
    }
    if (few.length === 0) return [];
    narrow = inArray(customers.id, few);
  }
  const found = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(narrow, pastCursor(query)))
    .orderBy(desc(customers.id))
    .limit(rows);
  return found.map((row) => row.id);
}

/**
 * Customers for the console, newest first, searched by the words of the name or email
 * (see search.ts), with each one's order count, lifetime value and last order: the
 * page's ids first, then their profiles and figures.
 */
export async function listCustomers(db: Database, query: CustomerQuery) {
  const ids = await pageIds(db, query);
  const rows =
    ids.length === 0
      ? []
      : await db
          .select(profileColumns)
          .from(customers)
          .innerJoin(users, eq(users.id, customers.id))
          .where(inArray(customers.id, ids))
          .orderBy(desc(customers.id));
  const page = pageOf(rows, query.limit, (last) => encodeCursor('customers', [last.id]));
  const stats = await statsOf(
    db,
    page.items.map((row) => row.id),
  );
  return {
    items: page.items.map((row): CustomerRow => ({ ...row, ...(stats.get(row.id) ?? NO_ORDERS) })),
    nextCursor: page.nextCursor,
  };
}

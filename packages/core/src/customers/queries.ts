import { type Database, schema } from '@stockpulse/db';
import { DomainError, REVENUE_STATUSES } from '@stockpulse/shared';
import { and, desc, eq, inArray, like, lt, or, type SQL, sql } from 'drizzle-orm';
import { listCustomerOrders } from '../orders/queries';
import { containsPattern, decodeCursor, encodeCursor, pageOf } from '../paging';

const { users, customers, orders } = schema;

export interface CustomerStats {
  orderCount: number;
  /** Sum of the totals of the customer's paid, shipped and delivered orders. */
  lifetimeValueCents: number;
  lastOrderAt: Date | null;
}

export interface CustomerRow extends CustomerStats {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  createdAt: Date;
}

export function decodeCustomerCursor(text: string): { id: number } | null {
  const keys = decodeCursor(text, 'customers', ['int']);
  return keys ? { id: keys[0] as number } : null;
}

const NO_ORDERS: CustomerStats = { orderCount: 0, lifetimeValueCents: 0, lastOrderAt: null };

/** Order count, lifetime value and last order of each customer among `ids` (index `orders (customer_id, created_at)`). */
async function statsOf(db: Database, ids: number[]): Promise<Map<number, CustomerStats>> {
  if (ids.length === 0) return new Map();
  const revenue = sql.join(
    REVENUE_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  );
  const rows = await db
    .select({
      customerId: orders.customerId,
      orderCount: sql<number>`COUNT(*)`.mapWith(Number),
      lifetimeValueCents:
        sql<number>`COALESCE(SUM(CASE WHEN ${orders.status} IN (${revenue}) THEN ${orders.totalCents} ELSE 0 END), 0)`.mapWith(
          Number,
        ),
      lastOrderAt: sql<Date>`MAX(${orders.createdAt})`.mapWith(orders.createdAt),
    })
    .from(orders)
    .where(inArray(orders.customerId, ids))
    .groupBy(orders.customerId);
  return new Map(rows.map(({ customerId, ...stats }) => [customerId, stats]));
}

const profileColumns = {
  id: customers.id,
  name: users.name,
  email: users.email,
  phone: customers.phone,
  createdAt: users.createdAt,
};

/** Customers for the console, newest first, searched by part of the name or email. */
export async function listCustomers(
  db: Database,
  query: { search?: string | undefined; cursor?: { id: number } | undefined; limit: number },
) {
  const conditions: (SQL | undefined)[] = [];
  if (query.search) {
    const pattern = containsPattern(query.search);
    conditions.push(or(like(users.name, pattern), like(users.email, pattern)));
  }
  if (query.cursor) conditions.push(lt(customers.id, query.cursor.id));
  const rows = await db
    .select(profileColumns)
    .from(customers)
    .innerJoin(users, eq(users.id, customers.id))
    .where(and(...conditions))
    .orderBy(desc(customers.id))
    .limit(query.limit + 1);
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

/** A customer's profile, lifetime value and most recent orders; NOT_FOUND for anyone else. */
export async function getCustomer(
  db: Database,
  id: number,
  options: { recentOrders?: number } = {},
) {
  const [row] = await db
    .select({
      ...profileColumns,
      addressLine1: customers.addressLine1,
      addressLine2: customers.addressLine2,
      city: customers.city,
      region: customers.region,
      postalCode: customers.postalCode,
      country: customers.country,
    })
    .from(customers)
    .innerJoin(users, eq(users.id, customers.id))
    .where(eq(customers.id, id));
  if (!row) throw new DomainError('NOT_FOUND', `Customer ${id} not found`);
  const [stats, recent] = await Promise.all([
    statsOf(db, [id]),
    listCustomerOrders(db, { customerId: id, limit: options.recentOrders ?? 10 }),
  ]);
  const { addressLine1, addressLine2, city, region, postalCode, country, ...profile } = row;
  const address =
    addressLine1 && city && postalCode && country
      ? { line1: addressLine1, line2: addressLine2, city, region, postalCode, country }
      : null;
  return {
    ...profile,
    address,
    ...(stats.get(id) ?? NO_ORDERS),
    recentOrders: recent.items,
  };
}

import { type Database, schema } from '@stockpulse/db';
import { REVENUE_STATUSES } from '@stockpulse/shared';
import { inArray, sql } from 'drizzle-orm';

const { orders } = schema;

export interface CustomerStats {
  orderCount: number;
  /** Sum of the totals of the customer's paid, shipped and delivered orders. */
  lifetimeValueCents: number;
  lastOrderAt: Date | null;
}

export const NO_ORDERS: CustomerStats = { orderCount: 0, lifetimeValueCents: 0, lastOrderAt: null };

/**
 * Order count, lifetime value and last order of each customer among `ids`, read from
 * `orders (customer_id, created_at, id, status, total_cents)` alone: a customer with
 * thousands of orders costs one short index range, not a row read per order.
 */
export async function statsOf(db: Database, ids: number[]): Promise<Map<number, CustomerStats>> {
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
    .from(orders, { forceIndex: 'orders_customer_time_idx' })
    .where(inArray(orders.customerId, ids))
    .groupBy(orders.customerId);
  return new Map(rows.map(({ customerId, ...stats }) => [customerId, stats]));
}

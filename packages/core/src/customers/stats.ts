import { type Database, schema } from '@stockpulse/db';
import { REVENUE_STATUSES } from '@stockpulse/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';

const { orders, refunds } = schema;

export interface CustomerStats {
  orderCount: number;
  /**
   * Sum of the totals of the customer's orders in a revenue status (paid, shipped,
   * delivered…), net of the refunds of those orders that succeeded (DESIGN §12).
   */
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
  // Money given back: the succeeded refunds of those orders, through `refunds (order_id,
  // id)`, added up here (no GROUP BY: no temporary table over `orders`).
  const back = await db
    .select({ customerId: orders.customerId, cents: refunds.amountCents })
    .from(orders, { forceIndex: 'orders_customer_time_idx' })
    .innerJoin(refunds, eq(refunds.orderId, orders.id))
    .where(
      and(
        inArray(orders.customerId, ids),
        inArray(orders.status, [...REVENUE_STATUSES]),
        eq(refunds.status, 'succeeded'),
      ),
    );
  const refunded = new Map<number, number>();
  for (const row of back) {
    refunded.set(row.customerId, (refunded.get(row.customerId) ?? 0) + row.cents);
  }
  return new Map(
    rows.map(({ customerId, ...stats }) => [
      customerId,
      {
        ...stats,
        lifetimeValueCents: stats.lifetimeValueCents - (refunded.get(customerId) ?? 0),
      },
    ]),
  );
}

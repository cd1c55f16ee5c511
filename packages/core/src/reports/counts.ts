import { type Database, schema } from '@stockpulse/db';
import { ORDER_STATUSES, type OrderStatus } from '@stockpulse/shared';

export type OrderCounts = Record<OrderStatus, number> & { all: number };

/**
 * How many orders are in each status, from `order_status_counts` (kept by the relay's
 * fold): five rows, whatever the number of orders. A count that a fold out of order has
 * taken below zero for a moment reads as zero.
 */
export async function orderCounts(db: Database): Promise<OrderCounts> {
  const rows = await db.select().from(schema.orderStatusCounts);
  const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as OrderCounts;
  counts.all = 0;
  for (const row of rows) {
    const n = Math.max(0, row.orders);
    counts[row.status] = n;
    counts.all += n;
  }
  return counts;
}

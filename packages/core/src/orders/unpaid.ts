import { type Database, schema } from '@stockpulse/db';
import { and, asc, eq, gt, lt } from 'drizzle-orm';

export interface UnpaidOrder {
  id: number;
  createdAt: Date;
}

/**
 * `pending` orders placed more than `ageMs` ago, a page at a time in id order (`afterId`
 * the last id of the page before): the sweeper walks them all, so that after Redis lost
 * its data every order missing its payment job is found in one round, not 500 a round.
 * Pending orders that old are few in normal running (a payment takes well under a second),
 * so the sort over them that `orders_status_time_idx` leaves is small.
 */
export async function unpaidOrdersOlderThan(
  db: Database,
  ageMs: number,
  { afterId = 0, limit = 500 }: { afterId?: number; limit?: number } = {},
): Promise<UnpaidOrder[]> {
  return db
    .select({ id: schema.orders.id, createdAt: schema.orders.createdAt })
    .from(schema.orders)
    .where(
      and(
        eq(schema.orders.status, 'pending'),
        lt(schema.orders.createdAt, new Date(Date.now() - ageMs)),
        gt(schema.orders.id, afterId),
      ),
    )
    .orderBy(asc(schema.orders.id))
    .limit(limit);
}

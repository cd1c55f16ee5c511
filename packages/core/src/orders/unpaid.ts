import { type Database, schema } from '@stockpulse/db';
import type { PaymentStatus } from '@stockpulse/shared';
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';

export interface UnpaidOrder {
  id: number;
  createdAt: Date;
  /** `failed`: declined, waiting for the shopper to pay again (no job to look after). */
  paymentStatus: PaymentStatus;
  /** The latest attempt, and whether it is the placement's (job `orderJobId`) or a re-pay. */
  latestPaymentId: number | null;
  firstPaymentId: number | null;
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
    .select({
      id: schema.orders.id,
      createdAt: schema.orders.createdAt,
      paymentStatus: schema.orders.paymentStatus,
      latestPaymentId: sql<
        number | null
      >`(SELECT MAX(p.id) FROM payments p WHERE p.order_id = orders.id)`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
      firstPaymentId: sql<
        number | null
      >`(SELECT MIN(p.id) FROM payments p WHERE p.order_id = orders.id)`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
    })
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

import { schema } from '@stockpulse/db';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '../db/transaction';
import { startOf } from './buckets';

/**
 * Counts money given back into `refund_rollup` (DESIGN §12: sales gross and net of
 * refunds), in the transaction that gives it back, so the figure is exact without a fold:
 * a refund the provider confirmed, or the amount of lines cancelled before capture (money
 * authorized, never taken). Net revenue = gross − these, per UTC hour and day of `at`.
 * Only for an order that counts as revenue: a cancelled order leaves gross whole, so what
 * it gave back must not be subtracted again (`reverseMoneyBackInTx` takes it out).
 */
export async function recordMoneyBack(tx: Tx, cents: number, at: Date, refunds = 1) {
  if (cents === 0) return;
  await tx
    .insert(schema.refundRollup)
    .values([
      { grain: 'hour', bucketStart: startOf('hour', at), refunds, refundedCents: cents },
      { grain: 'day', bucketStart: startOf('day', at), refunds, refundedCents: cents },
    ])
    .onDuplicateKeyUpdate({
      set: {
        refunds: sql`${schema.refundRollup.refunds} + VALUES(${schema.refundRollup.refunds})`,
        refundedCents: sql`${schema.refundRollup.refundedCents} + VALUES(${schema.refundRollup.refundedCents})`,
      },
    });
}

/**
 * An order leaving revenue for `cancelled` (DESIGN §12): gross sales drop its whole total,
 * so the money back counted for it so far comes out of `refund_rollup` again, in the
 * cancellation's hour — its succeeded refunds, and the lines cancelled before capture
 * (amount − captured of a captured payment, else the cancelled lines' value: the rule
 * `REBUILD_ROLLUPS_SQL` rebuilds by). Called with the order row locked, before the
 * cancellation settles the payment.
 */
export async function reverseMoneyBackInTx(tx: Tx, orderId: number, at: Date) {
  const [[refunded], [captured], [cancelled]] = await Promise.all([
    tx
      .select({
        n: sql<number>`COUNT(*)`.mapWith(Number),
        cents: sql<number>`COALESCE(SUM(${schema.refunds.amountCents}), 0)`.mapWith(Number),
      })
      .from(schema.refunds)
      .where(and(eq(schema.refunds.orderId, orderId), eq(schema.refunds.status, 'succeeded'))),
    tx
      .select({
        cents:
          sql<number>`${schema.payments.amountCents} - ${schema.payments.capturedCents}`.mapWith(
            Number,
          ),
      })
      .from(schema.payments)
      .where(and(eq(schema.payments.orderId, orderId), eq(schema.payments.status, 'captured')))
      .orderBy(desc(schema.payments.id))
      .limit(1),
    tx
      .select({
        cents:
          sql<number>`COALESCE(SUM(${schema.orderDetails.cancelledQuantity} * ${schema.orderDetails.unitPriceCents}), 0)`.mapWith(
            Number,
          ),
      })
      .from(schema.orderDetails)
      .where(
        and(eq(schema.orderDetails.orderId, orderId), gt(schema.orderDetails.cancelledQuantity, 0)),
      ),
  ]);
  const beforeCapture =
    (cancelled?.cents ?? 0) > 0 ? (captured?.cents ?? cancelled?.cents ?? 0) : 0;
  await recordMoneyBack(tx, -((refunded?.cents ?? 0) + beforeCapture), at, -(refunded?.n ?? 0));
}

import { type Database, schema } from '@stockpulse/db';
import { DomainError, formatCents, JOBS, QUEUES, refundJobId } from '@stockpulse/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import { inTransaction, type Tx } from '../db/transaction';
import { writeOutbox } from '../outbox/write';
import { orderActivity } from './activity';

export interface RefundRequest {
  orderId: number;
  amountCents: number;
  reason: string;
  /** `admin:3`, `worker`. */
  actor: string;
  returnId?: number | null;
}

/**
 * Asks for a refund inside the caller's transaction (DESIGN §12): a `pending` refunds row
 * and its `refund` job, sent to the provider after the commit. The order row is locked
 * first (the lock order of every order change), then its captured payment, so two refunds
 * of one order are serialized and together never pass what was captured: what is left is
 * captured − refunded − the refunds still pending. Throws REFUND_EXCEEDS_CAPTURED past it,
 * and NOT_FOUND for an order without a captured payment to refund.
 */
export async function requestRefundInTx(tx: Tx, request: RefundRequest) {
  const { orderId, amountCents } = request;
  if (!Number.isInteger(amountCents) || amountCents <= 0) {
    throw new DomainError('REFUND_EXCEEDS_CAPTURED', 'A refund must be at least one cent', {
      refundableCents: 0,
    });
  }
  const [order] = await tx
    .select({
      customerId: schema.orders.customerId,
      status: schema.orders.status,
      paymentStatus: schema.orders.paymentStatus,
    })
    .from(schema.orders)
    .where(eq(schema.orders.id, orderId))
    .for('update');
  if (!order) throw new DomainError('NOT_FOUND', `Order ${orderId} not found`);
  const [payment] = await tx
    .select({
      id: schema.payments.id,
      capturedCents: schema.payments.capturedCents,
      refundedCents: schema.payments.refundedCents,
    })
    .from(schema.payments)
    .where(and(eq(schema.payments.orderId, orderId), eq(schema.payments.status, 'captured')))
    .orderBy(desc(schema.payments.id))
    .limit(1)
    .for('update');
  const [pending] = payment
    ? await tx
        .select({ cents: sql<string | null>`SUM(${schema.refunds.amountCents})` })
        .from(schema.refunds)
        .where(and(eq(schema.refunds.paymentId, payment.id), eq(schema.refunds.status, 'pending')))
    : [];
  const refundableCents = payment
    ? payment.capturedCents - payment.refundedCents - Number(pending?.cents ?? 0)
    : 0;
  if (amountCents > refundableCents) {
    throw new DomainError(
      'REFUND_EXCEEDS_CAPTURED',
      refundableCents === 0
        ? `Order ${orderId} has nothing left to refund`
        : `Only ${formatCents(refundableCents)} of order ${orderId} is left to refund`,
      { refundableCents },
    );
  }
  const [inserted] = await tx.insert(schema.refunds).values({
    orderId,
    paymentId: payment!.id,
    returnId: request.returnId ?? null,
    amountCents,
    reason: request.reason,
    actor: request.actor,
  });
  const refundId = inserted.insertId;
  await writeOutbox(tx, [
    {
      kind: 'job',
      topic: QUEUES.payments,
      payload: { name: JOBS.payments.refund, jobId: refundJobId(refundId), data: { refundId } },
    },
    orderActivity({
      orderId,
      customerId: order.customerId,
      kind: 'refund',
      status: order.status,
      paymentStatus: order.paymentStatus,
      refId: refundId,
      summary: `Refund of ${formatCents(amountCents)} requested`,
    }),
  ]);
  return { refundId, refundableCents: refundableCents - amountCents };
}

/** `admin.orders.refund` (goodwill): `requestRefundInTx` in a transaction of its own. */
export function refundOrder(db: Database, request: RefundRequest) {
  return inTransaction(db, (tx) => requestRefundInTx(tx, request));
}

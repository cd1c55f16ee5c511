import { type Database, schema } from '@stockpulse/db';
import {
  formatCents,
  isRevenueStatus,
  JOBS,
  type OrderStatus,
  type PaymentStatus,
  paymentStatusOf,
  QUEUES,
  voidJobId,
} from '@stockpulse/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import { inTransaction, type Tx } from '../db/transaction';
import { writeOutbox } from '../outbox/write';
import { recordMoneyBack } from '../reports/money-back';
import { orderActivity } from './activity';
import type { PaymentProvider } from './provider';
import { requestRefundInTx } from './refund-request';

export type SettleOutcome =
  | { outcome: 'done' }
  /** Nothing to do: captured, voided or refunded already (a job delivered twice). */
  | { outcome: 'noop'; status: string }
  | { outcome: 'missing' };

async function lockOrder(tx: Tx, orderId: number) {
  const [order] = await tx
    .select({ status: schema.orders.status, customerId: schema.orders.customerId })
    .from(schema.orders)
    .where(eq(schema.orders.id, orderId))
    .for('update');
  return order;
}

async function lockPayment(tx: Tx, paymentId: number) {
  const [payment] = await tx
    .select()
    .from(schema.payments)
    .where(eq(schema.payments.id, paymentId))
    .for('update');
  return payment;
}

/** Whether `paymentId` is its order's latest attempt (the one payment_status follows). */
async function isLatest(tx: Tx, orderId: number, paymentId: number) {
  const [latest] = await tx
    .select({ id: schema.payments.id })
    .from(schema.payments)
    .where(eq(schema.payments.orderId, orderId))
    .orderBy(desc(schema.payments.id))
    .limit(1);
  return latest?.id === paymentId;
}

async function setPaymentStatus(
  tx: Tx,
  orderId: number,
  paymentId: number,
  status: PaymentStatus,
  now: Date,
) {
  if (!(await isLatest(tx, orderId, paymentId))) return;
  await tx
    .update(schema.orders)
    .set({ paymentStatus: status, updatedAt: now })
    .where(eq(schema.orders.id, orderId));
}

/** What of the order's lines was cancelled before capture: never taken (DESIGN §12). */
async function cancelledCentsOf(db: Database | Tx, orderId: number): Promise<number> {
  const [row] = await db
    .select({
      cents: sql<
        string | null
      >`SUM(${schema.orderDetails.cancelledQuantity} * ${schema.orderDetails.unitPriceCents})`,
    })
    .from(schema.orderDetails)
    .where(eq(schema.orderDetails.orderId, orderId));
  return Number(row?.cents ?? 0);
}

/**
 * The `payments` queue's `capture` job: takes the authorized amount less the lines
 * cancelled before capture (idempotency key `capture-{paymentId}`), then records it
 * (captured, captured_cents, the order's payment_status `paid`, an activity). Already
 * captured, voided or missing: nothing. A provider outage throws, for BullMQ to retry.
 */
export async function capturePayment(
  db: Database,
  provider: PaymentProvider,
  paymentId: number,
): Promise<SettleOutcome> {
  const [payment] = await db
    .select()
    .from(schema.payments)
    .where(eq(schema.payments.id, paymentId));
  if (!payment) return { outcome: 'missing' };
  if (payment.status !== 'authorized' || !payment.providerRef) {
    return { outcome: 'noop', status: payment.status };
  }
  const cancelledBefore = await cancelledCentsOf(db, payment.orderId);
  const amountCents = Math.max(0, payment.amountCents - cancelledBefore);
  await provider.capture({
    providerRef: payment.providerRef,
    amountCents,
    idempotencyKey: `capture-${paymentId}`,
  });
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, payment.orderId);
    const locked = await lockPayment(tx, paymentId);
    if (!order || !locked) return { outcome: 'missing' } as const;
    if (locked.status !== 'authorized') return { outcome: 'noop', status: locked.status } as const;
    const now = new Date();
    await tx
      .update(schema.payments)
      .set({ status: 'captured', capturedCents: amountCents, updatedAt: now })
      .where(eq(schema.payments.id, paymentId));
    const paymentStatus = paymentStatusOf({
      status: 'captured',
      capturedCents: amountCents,
      refundedCents: 0,
    });
    await setPaymentStatus(tx, payment.orderId, paymentId, paymentStatus, now);
    // Lines cancelled while the provider captured (cancelLines saw the payment authorized
    // and counted them as never taken): they were taken after all, so they are refunded,
    // and counted as money back when that refund succeeds instead.
    const late = (await cancelledCentsOf(tx, payment.orderId)) - cancelledBefore;
    if (late > 0 && amountCents > 0) {
      await recordMoneyBack(tx, -late, now, 0);
      await requestRefundInTx(tx, {
        orderId: payment.orderId,
        amountCents: Math.min(late, amountCents),
        reason: 'lines cancelled while the payment was captured',
        actor: 'worker',
      });
    }
    await writeOutbox(tx, [
      orderActivity({
        orderId: payment.orderId,
        customerId: order.customerId,
        kind: 'payment',
        status: order.status,
        paymentStatus,
        refId: paymentId,
        summary: `Payment of ${formatCents(amountCents)} captured`,
        at: now,
      }),
    ]);
    return { outcome: 'done' } as const;
  });
}

/**
 * The `payments` queue's `void` job: releases an authorization that will not be captured
 * (the order was cancelled): the attempt `voided`, the order's payment_status `voided`.
 */
export async function voidPayment(
  db: Database,
  provider: PaymentProvider,
  paymentId: number,
): Promise<SettleOutcome> {
  const [payment] = await db
    .select()
    .from(schema.payments)
    .where(eq(schema.payments.id, paymentId));
  if (!payment) return { outcome: 'missing' };
  if (payment.status !== 'authorized') return { outcome: 'noop', status: payment.status };
  if (payment.providerRef) {
    await provider.void({ providerRef: payment.providerRef, idempotencyKey: `void-${paymentId}` });
  }
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, payment.orderId);
    const locked = await lockPayment(tx, paymentId);
    if (!order || !locked) return { outcome: 'missing' } as const;
    if (locked.status !== 'authorized') return { outcome: 'noop', status: locked.status } as const;
    const now = new Date();
    await tx
      .update(schema.payments)
      .set({ status: 'voided', updatedAt: now })
      .where(eq(schema.payments.id, paymentId));
    await setPaymentStatus(tx, payment.orderId, paymentId, 'voided', now);
    await writeOutbox(tx, [
      orderActivity({
        orderId: payment.orderId,
        customerId: order.customerId,
        kind: 'payment',
        status: order.status,
        paymentStatus: 'voided',
        refId: paymentId,
        summary: 'Payment authorization voided',
        at: now,
      }),
    ]);
    return { outcome: 'done' } as const;
  });
}

/**
 * The `payments` queue's `refund` job: sends a pending refund to the provider (idempotency
 * key `refund-{id}`, so a retry after a lost answer is the same refund), then records it
 * exactly once: refund `succeeded` with the provider's reference, payments.refunded_cents
 * += amount, the order's payment_status, refund_rollup (`recordMoneyBack`), an activity. A
 * refund no longer pending is a no-op. A provider error counts the attempt (attempts,
 * last_error) and throws, for BullMQ to retry; `failRefund` ends it after the last one.
 */
export async function processRefund(
  db: Database,
  provider: PaymentProvider,
  refundId: number,
): Promise<SettleOutcome> {
  const [row] = await db
    .select({ refund: schema.refunds, providerRef: schema.payments.providerRef })
    .from(schema.refunds)
    .innerJoin(schema.payments, eq(schema.payments.id, schema.refunds.paymentId))
    .where(eq(schema.refunds.id, refundId));
  if (!row) return { outcome: 'missing' };
  const { refund } = row;
  if (refund.status !== 'pending') return { outcome: 'noop', status: refund.status };
  let providerRef: string;
  try {
    ({ providerRef } = await provider.refund({
      providerRef: row.providerRef ?? `payment-${refund.paymentId}`,
      amountCents: refund.amountCents,
      idempotencyKey: `refund-${refundId}`,
    }));
  } catch (error) {
    await db
      .update(schema.refunds)
      .set({
        attempts: sql`${schema.refunds.attempts} + 1`,
        lastError: String((error as Error)?.message ?? error).slice(0, 255),
      })
      .where(and(eq(schema.refunds.id, refundId), eq(schema.refunds.status, 'pending')));
    throw error;
  }
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, refund.orderId);
    const payment = await lockPayment(tx, refund.paymentId);
    const [locked] = await tx
      .select({ status: schema.refunds.status })
      .from(schema.refunds)
      .where(eq(schema.refunds.id, refundId))
      .for('update');
    if (!order || !payment || !locked) return { outcome: 'missing' } as const;
    if (locked.status !== 'pending') return { outcome: 'noop', status: locked.status } as const;
    const now = new Date();
    await tx
      .update(schema.refunds)
      .set({ status: 'succeeded', providerRef, updatedAt: now })
      .where(eq(schema.refunds.id, refundId));
    const refundedCents = payment.refundedCents + refund.amountCents;
    await tx
      .update(schema.payments)
      .set({ refundedCents, updatedAt: now })
      .where(eq(schema.payments.id, payment.id));
    const paymentStatus = paymentStatusOf({
      status: payment.status,
      capturedCents: payment.capturedCents,
      refundedCents,
    });
    await setPaymentStatus(tx, refund.orderId, payment.id, paymentStatus, now);
    // A cancelled order left gross sales whole: its refund is no money back to count.
    if (isRevenueStatus(order.status)) await recordMoneyBack(tx, refund.amountCents, now);
    await writeOutbox(tx, [
      orderActivity({
        orderId: refund.orderId,
        customerId: order.customerId,
        kind: 'refund',
        status: order.status,
        paymentStatus,
        refId: refundId,
        summary: `Refunded ${formatCents(refund.amountCents)}`,
        at: now,
      }),
    ]);
    return { outcome: 'done' } as const;
  });
}

/** A refund whose job failed for good: `failed`, with an activity for staff. */
export function failRefund(db: Database, refundId: number, error: string): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const [refund] = await tx
      .select({ orderId: schema.refunds.orderId, amountCents: schema.refunds.amountCents })
      .from(schema.refunds)
      .where(eq(schema.refunds.id, refundId));
    if (!refund) return false;
    const order = await lockOrder(tx, refund.orderId);
    const [locked] = await tx
      .select({ status: schema.refunds.status })
      .from(schema.refunds)
      .where(eq(schema.refunds.id, refundId))
      .for('update');
    if (!order || locked?.status !== 'pending') return false;
    const [orderRow] = await tx
      .select({ paymentStatus: schema.orders.paymentStatus })
      .from(schema.orders)
      .where(eq(schema.orders.id, refund.orderId));
    const now = new Date();
    await tx
      .update(schema.refunds)
      .set({ status: 'failed', lastError: error.slice(0, 255), updatedAt: now })
      .where(eq(schema.refunds.id, refundId));
    await writeOutbox(tx, [
      orderActivity({
        orderId: refund.orderId,
        customerId: order.customerId,
        kind: 'refund',
        status: order.status,
        paymentStatus: orderRow!.paymentStatus,
        refId: refundId,
        summary: `Refund of ${formatCents(refund.amountCents)} failed`,
        at: now,
      }),
    ]);
    return true;
  });
}

/**
 * The money side of a whole-order cancellation, in its transaction (the order row is
 * locked already): the latest attempt `pending` → `voided` (no provider call; the `orders`
 * job then skips it); `authorized` → a `void` job; `captured` → a refund of what is left
 * (`requestRefundInTx`). A declined or voided attempt needs nothing.
 */
export async function settleCancelledOrderInTx(
  tx: Tx,
  order: { orderId: number; customerId: number; status: OrderStatus; actor: string },
): Promise<void> {
  const { orderId } = order;
  const [attempt] = await tx
    .select()
    .from(schema.payments)
    .where(eq(schema.payments.orderId, orderId))
    .orderBy(desc(schema.payments.id))
    .limit(1)
    .for('update');
  if (!attempt) return;
  const now = new Date();
  if (attempt.status === 'pending') {
    await tx
      .update(schema.payments)
      .set({ status: 'voided', updatedAt: now })
      .where(eq(schema.payments.id, attempt.id));
    await tx
      .update(schema.orders)
      .set({ paymentStatus: 'voided' })
      .where(eq(schema.orders.id, orderId));
    await writeOutbox(tx, [
      orderActivity({
        orderId,
        customerId: order.customerId,
        kind: 'payment',
        status: order.status,
        paymentStatus: 'voided',
        refId: attempt.id,
        summary: 'Payment cancelled before it was authorized',
        at: now,
      }),
    ]);
  } else if (attempt.status === 'authorized') {
    await writeOutbox(tx, [
      {
        kind: 'job',
        topic: QUEUES.payments,
        payload: {
          name: JOBS.payments.void,
          jobId: voidJobId(attempt.id),
          data: { paymentId: attempt.id },
        },
      },
    ]);
  } else if (attempt.status === 'captured') {
    const [pending] = await tx
      .select({ cents: sql<string | null>`SUM(${schema.refunds.amountCents})` })
      .from(schema.refunds)
      .where(and(eq(schema.refunds.paymentId, attempt.id), eq(schema.refunds.status, 'pending')));
    const left = attempt.capturedCents - attempt.refundedCents - Number(pending?.cents ?? 0);
    if (left > 0) {
      await requestRefundInTx(tx, {
        orderId,
        amountCents: left,
        reason: 'Order cancelled',
        actor: order.actor,
      });
    }
  }
}

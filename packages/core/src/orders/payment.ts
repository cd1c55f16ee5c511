import { type Database, schema } from '@stockpulse/db';
import {
  captureJobId,
  DECLINE_MESSAGES,
  type DeclineCode,
  JOBS,
  type OrderStatus,
  type OrderUpdated,
  type PaymentAttemptStatus,
  type PaymentCaptureMode,
  QUEUES,
} from '@stockpulse/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { actorOf } from '../actors';
import { inTransaction } from '../db/transaction';
import type { OutboxMessage } from '../outbox/messages';
import { writeOutbox } from '../outbox/write';
import { orderActivity } from '../payments/activity';
import type { PaymentProvider } from '../payments/provider';
import { transitionOrder } from './transition';

/** An order's latest payment attempt, as the `orders` job needs it. */
export interface PaymentAttemptFacts {
  id: number;
  status: PaymentAttemptStatus;
  token: string;
  amountCents: number;
}

/** The order's status and latest attempt, read together (one statement per batch). */
export interface OrderPaymentState {
  status: OrderStatus;
  customerId: number;
  attempt: PaymentAttemptFacts | null;
}

export type PaymentOutcome =
  | { outcome: 'paid' }
  /** The provider declined: the order stays pending, payment_status failed (no retry). */
  | { outcome: 'declined'; declineCode: DeclineCode }
  /** The order had left `pending` (paid by an earlier delivery of the job, cancelled). */
  | { outcome: 'skipped'; status: OrderStatus }
  /** The attempt was asked for already (authorized, declined, voided) or superseded. */
  | { outcome: 'skipped'; status: OrderStatus; attempt: PaymentAttemptStatus | 'superseded' }
  | { outcome: 'missing' };

/** Each order's status and latest attempt now (a plain read, no locks); no order: null. */
export async function paymentStatesOf(
  db: Database,
  orderIds: readonly number[],
): Promise<Map<number, OrderPaymentState | null>> {
  const rows = await db
    .select({
      id: schema.orders.id,
      status: schema.orders.status,
      customerId: schema.orders.customerId,
      paymentId: schema.payments.id,
      paymentStatus: schema.payments.status,
      token: schema.payments.methodToken,
      amountCents: schema.payments.amountCents,
    })
    .from(schema.orders)
    .leftJoin(
      schema.payments,
      eq(
        schema.payments.id,
        sql`(SELECT MAX(p2.id) FROM payments p2 WHERE p2.order_id = ${schema.orders.id})`,
      ),
    )
    .where(inArray(schema.orders.id, [...orderIds]));
  const states = new Map<number, OrderPaymentState | null>(orderIds.map((id) => [id, null]));
  for (const row of rows) {
    states.set(row.id, {
      status: row.status,
      customerId: row.customerId,
      attempt:
        row.paymentId === null
          ? null
          : {
              id: row.paymentId,
              status: row.paymentStatus!,
              token: row.token!,
              amountCents: row.amountCents!,
            },
    });
  }
  return states;
}

/** Each order's status now (a plain read, no locks); an id with no order maps to null. */
export async function statusesOf(
  db: Database,
  orderIds: readonly number[],
): Promise<Map<number, OrderStatus | null>> {
  const rows = await db
    .select({ id: schema.orders.id, status: schema.orders.status })
    .from(schema.orders)
    .where(inArray(schema.orders.id, [...orderIds]));
  const statuses = new Map<number, OrderStatus | null>(orderIds.map((id) => [id, null]));
  for (const row of rows) statuses.set(row.id, row.status);
  return statuses;
}

const statusOf = async (db: Database, orderId: number) =>
  (await statusesOf(db, [orderId])).get(orderId) ?? undefined;

/** What the provider said yes to: the attempt and its reference. */
export interface Authorization {
  paymentId: number;
  providerRef: string | null;
}

/**
 * `pending → paid` for every order of `orderIds` that is still pending, in ONE transaction
 * however many there are: a locking read of the orders (so the guarded UPDATE cannot lose a
 * race with a cancellation), one UPDATE of the orders (status paid, payment_status
 * authorized), one of their attempts (authorized, with the provider's reference from
 * `authorizations`; an order without one there has its latest pending attempt authorized),
 * one INSERT of their `order_events` rows and one of their outbox rows (`order:updated`,
 * `order:activity`). Paying moves no stock, so no stock row is touched. An order no longer
 * pending is left alone, so a payment delivered twice is recorded once.
 */
export function markPaid(
  db: Database,
  orderIds: readonly number[],
  authorizations: ReadonlyMap<number, Authorization> = new Map(),
  /** PAYMENT_CAPTURE=immediate: each paid order's `capture` job, in the same transaction. */
  capture: PaymentCaptureMode = 'shipment',
): Promise<Map<number, PaymentOutcome>> {
  return inTransaction(db, async (tx) => {
    const ids = [...new Set(orderIds)].sort((a, b) => a - b);
    const orders = await tx
      .select({
        id: schema.orders.id,
        status: schema.orders.status,
        customerId: schema.orders.customerId,
      })
      .from(schema.orders)
      .where(inArray(schema.orders.id, ids))
      .for('update');
    const outcomes = new Map<number, PaymentOutcome>(ids.map((id) => [id, { outcome: 'missing' }]));
    const paying = orders.filter((order) => order.status === 'pending');
    for (const order of orders) {
      if (order.status !== 'pending')
        outcomes.set(order.id, { outcome: 'skipped', status: order.status });
    }
    if (paying.length === 0) return outcomes;
    const payingIds = paying.map((order) => order.id);

    // The attempts: those named, else each order's latest (after the orders: lock order).
    const latest = await tx
      .select({ orderId: schema.payments.orderId, id: sql<number>`MAX(${schema.payments.id})` })
      .from(schema.payments)
      .where(inArray(schema.payments.orderId, payingIds))
      .groupBy(schema.payments.orderId);
    const attemptOf = new Map(latest.map((row) => [row.orderId, Number(row.id)]));
    for (const [orderId, authorization] of authorizations) {
      attemptOf.set(orderId, authorization.paymentId);
    }
    const now = new Date();
    const [updated] = await tx
      .update(schema.orders)
      .set({
        status: 'paid',
        // `authorized` for an order with an attempt; one without (rows written by hand)
        // keeps what paymentStatusOf(null) says.
        paymentStatus: payingIds.every((id) => attemptOf.has(id))
          ? 'authorized'
          : sql`CASE WHEN ${schema.orders.id} IN (${sql.join(
              [...attemptOf.keys(), 0].map((id) => sql`${id}`),
              sql`, `,
            )}) THEN 'authorized' ELSE ${schema.orders.paymentStatus} END`,
        updatedAt: now,
      })
      .where(and(inArray(schema.orders.id, payingIds), eq(schema.orders.status, 'pending')));
    if (updated.affectedRows !== paying.length) {
      throw new Error(
        `orders left pending while locked: ${updated.affectedRows} of ${paying.length} paid`,
      );
    }
    const attemptIds = payingIds.flatMap((id) => attemptOf.get(id) ?? []);
    if (attemptIds.length > 0) {
      const refs = attemptIds.flatMap((paymentId) => {
        const ref = [...authorizations.values()].find((a) => a.paymentId === paymentId);
        return ref?.providerRef ? [sql`WHEN ${paymentId} THEN ${ref.providerRef}`] : [];
      });
      await tx
        .update(schema.payments)
        .set({
          status: 'authorized',
          providerRef:
            refs.length > 0
              ? sql`CASE ${schema.payments.id} ${sql.join(refs, sql` `)} ELSE ${schema.payments.providerRef} END`
              : sql`${schema.payments.providerRef}`,
          updatedAt: now,
        })
        .where(and(inArray(schema.payments.id, attemptIds), eq(schema.payments.status, 'pending')));
    }
    await tx.insert(schema.orderEvents).values(
      paying.map((order) => ({
        orderId: order.id,
        fromStatus: 'pending' as const,
        toStatus: 'paid' as const,
        actor: actorOf('worker'),
        reason: null,
        createdAt: now,
      })),
    );
    await writeOutbox(
      tx,
      paying.flatMap((order) => {
        const event: OrderUpdated = {
          orderId: order.id,
          customerId: order.customerId,
          from: 'pending',
          status: 'paid',
          reason: null,
          at: now.toISOString(),
        };
        return [
          { kind: 'event' as const, topic: 'order:updated' as const, payload: event },
          orderActivity({
            orderId: order.id,
            customerId: order.customerId,
            kind: 'payment',
            status: 'paid',
            paymentStatus: 'authorized',
            refId: attemptOf.get(order.id) ?? null,
            summary: 'Payment authorized',
            at: now,
          }),
          ...captureJob(capture, attemptOf.get(order.id)),
        ];
      }),
    );
    for (const order of paying) outcomes.set(order.id, { outcome: 'paid' });
    return outcomes;
  });
}

/** The `capture` job of an attempt authorized with PAYMENT_CAPTURE=immediate. */
function captureJob(capture: PaymentCaptureMode, paymentId: number | undefined): OutboxMessage[] {
  if (capture !== 'immediate' || paymentId === undefined) return [];
  return [
    {
      kind: 'job',
      topic: QUEUES.payments,
      payload: { name: JOBS.payments.capture, jobId: captureJobId(paymentId), data: { paymentId } },
    },
  ];
}

/**
 * A decline (DESIGN §12): the attempt `declined` with its code, the order left `pending`
 * with payment_status `failed` (the shopper may pay again with `orders.pay` until it
 * expires; its stock stays reserved), and an `order:activity` naming the reason. Nothing
 * changes if the order left pending or the attempt was decided meanwhile.
 */
export function recordDecline(
  db: Database,
  orderId: number,
  paymentId: number,
  declineCode: DeclineCode,
): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const [order] = await tx
      .select({ status: schema.orders.status, customerId: schema.orders.customerId })
      .from(schema.orders)
      .where(eq(schema.orders.id, orderId))
      .for('update');
    if (order?.status !== 'pending') return false;
    const now = new Date();
    const [declined] = await tx
      .update(schema.payments)
      .set({ status: 'declined', declineCode, updatedAt: now })
      .where(and(eq(schema.payments.id, paymentId), eq(schema.payments.status, 'pending')));
    if (declined.affectedRows === 0) return false;
    await tx
      .update(schema.orders)
      .set({ paymentStatus: 'failed', updatedAt: now })
      .where(eq(schema.orders.id, orderId));
    await writeOutbox(tx, [
      orderActivity({
        orderId,
        customerId: order.customerId,
        kind: 'payment',
        status: 'pending',
        paymentStatus: 'failed',
        refId: paymentId,
        summary: `Payment declined: ${DECLINE_MESSAGES[declineCode]}`,
        at: now,
      }),
    ]);
    return true;
  });
}

/** The database steps of a payment, one order at a time or batched (payment-batches.ts). */
export interface PaymentSteps {
  stateOf(orderId: number): Promise<OrderPaymentState | null>;
  markPaid(orderId: number, authorization?: Authorization): Promise<PaymentOutcome>;
}

/** Each step its own statements, for one order. */
export const directPaymentSteps = (
  db: Database,
  capture: PaymentCaptureMode = 'shipment',
): PaymentSteps => ({
  stateOf: async (orderId) => (await paymentStatesOf(db, [orderId])).get(orderId) ?? null,
  markPaid: async (orderId, authorization) =>
    (
      await markPaid(
        db,
        [orderId],
        authorization ? new Map([[orderId, authorization]]) : undefined,
        capture,
      )
    ).get(orderId) ?? { outcome: 'missing' },
});

export interface OrderPaymentOptions {
  provider: PaymentProvider;
  /**
   * PAYMENT_CAPTURE for the default steps: `shipment` (default) or `immediate` (a
   * `capture` job written with the payment; batched steps are given it when built).
   */
  capture?: PaymentCaptureMode;
  steps?: PaymentSteps;
}

/**
 * The `orders` queue's `process` job (DESIGN §12): authorize the order's latest, pending
 * attempt with the provider (idempotency key `payment-{paymentId}`), then `pending → paid`.
 * Safe to run twice: an order no longer pending, or an attempt already decided, is left
 * alone (and not charged again). A decline is recorded and returned, not thrown; a provider
 * outage (ProviderUnavailable) throws, for BullMQ to retry with backoff. An order cancelled
 * while the provider was authorizing has that authorization voided at the provider.
 */
export async function processOrderPayment(
  db: Database,
  job: { orderId: number; paymentId?: number | undefined },
  options: OrderPaymentOptions,
): Promise<PaymentOutcome> {
  const { orderId } = job;
  const { provider } = options;
  const steps = options.steps ?? directPaymentSteps(db, options.capture);
  const before = await steps.stateOf(orderId);
  if (before === null) return { outcome: 'missing' };
  if (before.status !== 'pending') return { outcome: 'skipped', status: before.status };
  const attempt = before.attempt;
  if (!attempt) return { outcome: 'skipped', status: before.status, attempt: 'superseded' };
  if (job.paymentId !== undefined && attempt.id !== job.paymentId) {
    return { outcome: 'skipped', status: before.status, attempt: 'superseded' };
  }
  if (attempt.status !== 'pending') {
    return { outcome: 'skipped', status: before.status, attempt: attempt.status };
  }
  const result = await provider.authorize({
    token: attempt.token,
    amountCents: attempt.amountCents,
    idempotencyKey: `payment-${attempt.id}`,
  });
  if (!result.ok) {
    await recordDecline(db, orderId, attempt.id, result.declineCode);
    return { outcome: 'declined', declineCode: result.declineCode };
  }
  const outcome = await steps.markPaid(orderId, {
    paymentId: attempt.id,
    providerRef: result.providerRef,
  });
  if (outcome.outcome === 'skipped' && outcome.status === 'cancelled') {
    // Cancelled while the provider was authorizing: the cancellation voided the attempt
    // (still pending then), so the hold the provider just made is released here.
    await provider.void({
      providerRef: result.providerRef,
      idempotencyKey: `void-${attempt.id}`,
    });
  }
  return outcome;
}

export type SystemCancelReason = 'payment_failed' | 'expired';

/**
 * Cancels an order whose payment will not complete (its job failed for good, or it was
 * never processed in time), releasing its stock. Does nothing unless it is still pending.
 */
export async function cancelUnpaidOrder(
  db: Database,
  orderId: number,
  reason: SystemCancelReason,
): Promise<boolean> {
  if ((await statusOf(db, orderId)) === undefined) return false;
  const result = await transitionOrder(db, {
    orderId,
    to: 'cancelled',
    ifStatus: 'pending',
    actor: actorOf('worker'),
    reason,
  });
  return result.changed;
}

import { type Database, schema } from '@stockpulse/db';
import type { OrderStatus, OrderUpdated } from '@stockpulse/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { actorOf } from '../actors';
import { inTransaction } from '../db/transaction';
import { writeOutbox } from '../outbox/write';
import { transitionOrder } from './transition';

/** The simulated payment provider: how slow it is and how often it declines. */
export interface PaymentSimulation {
  latencyMs: number;
  /** 0 never declines, 1 always does. */
  failureRate: number;
  random?: () => number;
}

export class PaymentDeclined extends Error {
  override readonly name = 'PaymentDeclined';
  constructor(orderId: number) {
    super(`payment for order ${orderId} was declined`);
  }
}

/** Asks the (simulated) provider to authorise the payment; throws PaymentDeclined. */
export async function authorisePayment(orderId: number, simulation: PaymentSimulation) {
  if (simulation.latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, simulation.latencyMs));
  }
  if ((simulation.random ?? Math.random)() < simulation.failureRate) {
    throw new PaymentDeclined(orderId);
  }
}

export type PaymentOutcome =
  | { outcome: 'paid' }
  /** The order had left `pending` (paid by an earlier delivery of the job, cancelled). */
  | { outcome: 'skipped'; status: OrderStatus }
  | { outcome: 'missing' };

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

/**
 * `pending → paid` for every order of `orderIds` that is still pending, in ONE transaction
 * however many there are: a locking read of the orders (so the guarded UPDATE cannot lose a
 * race with a cancellation), one UPDATE, one INSERT of their `order_events` rows and one of
 * their `order:updated` outbox rows. Paying moves no stock, so no stock row is touched. An
 * order no longer pending is left alone, so a payment delivered twice is recorded once.
 */
export function markPaid(
  db: Database,
  orderIds: readonly number[],
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

    const now = new Date();
    const [updated] = await tx
      .update(schema.orders)
      .set({ status: 'paid', updatedAt: now })
      .where(
        and(
          inArray(
            schema.orders.id,
            paying.map((order) => order.id),
          ),
          eq(schema.orders.status, 'pending'),
        ),
      );
    if (updated.affectedRows !== paying.length) {
      throw new Error(
        `orders left pending while locked: ${updated.affectedRows} of ${paying.length} paid`,
      );
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
      paying.map((order) => {
        const event: OrderUpdated = {
          orderId: order.id,
          customerId: order.customerId,
          from: 'pending',
          status: 'paid',
          reason: null,
          at: now.toISOString(),
        };
        return { kind: 'event', topic: 'order:updated', payload: event };
      }),
    );
    for (const order of paying) outcomes.set(order.id, { outcome: 'paid' });
    return outcomes;
  });
}

/** The two database steps of a payment, one order at a time or batched (payment-batches.ts). */
export interface PaymentSteps {
  statusOf(orderId: number): Promise<OrderStatus | null>;
  markPaid(orderId: number): Promise<PaymentOutcome>;
}

/** Each step its own statements, for one order. */
export const directPaymentSteps = (db: Database): PaymentSteps => ({
  statusOf: async (orderId) => (await statusesOf(db, [orderId])).get(orderId) ?? null,
  markPaid: async (orderId) =>
    (await markPaid(db, [orderId])).get(orderId) ?? { outcome: 'missing' },
});

/**
 * The `orders` queue's `process` job: authorise the payment, then `pending → paid`. Safe to
 * run twice: an order no longer pending is left alone (and not charged again), and the
 * change itself only happens to an order still pending. A declined payment throws, for
 * BullMQ to retry with backoff.
 */
export async function processOrderPayment(
  db: Database,
  orderId: number,
  simulation: PaymentSimulation,
  steps: PaymentSteps = directPaymentSteps(db),
): Promise<PaymentOutcome> {
  const before = await steps.statusOf(orderId);
  if (before === null) return { outcome: 'missing' };
  if (before !== 'pending') return { outcome: 'skipped', status: before };
  await authorisePayment(orderId, simulation);
  return steps.markPaid(orderId);
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

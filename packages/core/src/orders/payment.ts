import { type Database, schema } from '@stockpulse/db';
import type { OrderStatus } from '@stockpulse/shared';
import { and, asc, eq, lt } from 'drizzle-orm';
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

async function statusOf(db: Database, orderId: number): Promise<OrderStatus | undefined> {
  const [order] = await db
    .select({ status: schema.orders.status })
    .from(schema.orders)
    .where(eq(schema.orders.id, orderId));
  return order?.status;
}

/**
 * The `orders` queue's `process` job: authorise the payment, then `pending → paid`. Safe to
 * run twice: an order no longer pending is left alone (and not charged again), and the
 * transition itself only happens `ifStatus: 'pending'`. A declined payment throws, for
 * BullMQ to retry with backoff.
 */
export async function processOrderPayment(
  db: Database,
  orderId: number,
  simulation: PaymentSimulation,
): Promise<PaymentOutcome> {
  const before = await statusOf(db, orderId);
  if (before === undefined) return { outcome: 'missing' };
  if (before !== 'pending') return { outcome: 'skipped', status: before };
  await authorisePayment(orderId, simulation);
  const result = await transitionOrder(db, {
    orderId,
    to: 'paid',
    ifStatus: 'pending',
    actor: 'worker',
  });
  return result.changed ? { outcome: 'paid' } : { outcome: 'skipped', status: result.from };
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
    actor: 'worker',
    reason,
  });
  return result.changed;
}

/** Orders still `pending` that were placed more than `ageMs` ago, oldest first. */
export async function stalePendingOrders(
  db: Database,
  ageMs: number,
  limit = 500,
): Promise<number[]> {
  const rows = await db
    .select({ id: schema.orders.id })
    .from(schema.orders)
    .where(
      and(
        eq(schema.orders.status, 'pending'),
        lt(schema.orders.createdAt, new Date(Date.now() - ageMs)),
      ),
    )
    .orderBy(asc(schema.orders.createdAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

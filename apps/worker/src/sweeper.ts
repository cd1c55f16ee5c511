import {
  cancelUnpaidOrder,
  JOB_OPTIONS,
  overdueRestocks,
  receiveRestock,
  unpaidOrdersOlderThan,
} from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import { JOBS, orderJobId, paymentAttemptJobId, restockReceiveJobId } from '@stockpulse/shared';
import type { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { WorkerEnv } from './env';

/** Job states in which the order's payment may still complete. */
const ALIVE = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

/** A restock this long past its eta, with no live `receive` job, is received by the sweeper. */
export const RESTOCK_OVERDUE_GRACE_MS = 60_000;

/** An outbox row older than 10 s is still unpublished: a missing job may be one not enqueued yet. */
async function relayIsBehind(db: Database): Promise<boolean> {
  const [lagging] = await db.execute(
    sql`SELECT 1 FROM outbox WHERE published_at IS NULL
        AND created_at < UTC_TIMESTAMP(3) - INTERVAL 10 SECOND LIMIT 1`,
  );
  return (lagging as unknown as unknown[]).length > 0;
}

/**
 * Looks after `pending` orders placed more than PAYMENT_REQUEUE_AFTER_MS ago whose payment
 * job is not alive (DESIGN §4). A job that failed for good → `payment_failed` (the failure
 * handler missed it, e.g. the worker died). No job at all (Redis lost its data: a restart
 * without persistence, a failover, a flush): the job is added again under its own id, so
 * the order is paid after all — unless the order is older than ORDER_EXPIRY_MS, which
 * alone is `expired`. Skips a round while the relay is behind (an unpublished outbox row
 * older than 10 s), since a missing job may then be one not enqueued yet.
 */
export async function sweepUnpaidOrders(db: Database, orders: Queue, env: WorkerEnv) {
  if (await relayIsBehind(db)) return { skipped: true, cancelled: [], requeued: [] };
  const cancelled: { orderId: number; reason: string }[] = [];
  const requeued: number[] = [];
  const expiredBefore = Date.now() - env.ORDER_EXPIRY_MS;
  for (let afterId = 0; ; ) {
    const page = await unpaidOrdersOlderThan(db, env.PAYMENT_REQUEUE_AFTER_MS, { afterId });
    for (const unpaid of page) {
      const { id: orderId, createdAt } = unpaid;
      // Declined, waiting for the shopper to pay again (orders.pay): no job to look after,
      // and it must not be charged again; it only expires on time.
      if (unpaid.paymentStatus === 'failed') {
        if (
          createdAt.getTime() < expiredBefore &&
          (await cancelUnpaidOrder(db, orderId, 'expired'))
        ) {
          cancelled.push({ orderId, reason: 'expired' });
        }
        continue;
      }
      const repay =
        unpaid.latestPaymentId !== null && unpaid.latestPaymentId !== unpaid.firstPaymentId;
      const jobId = repay
        ? paymentAttemptJobId(orderId, unpaid.latestPaymentId!)
        : orderJobId(orderId);
      const job = await orders.getJob(jobId);
      const state = job ? await job.getState() : 'missing';
      if (ALIVE.has(state)) continue;
      if (state === 'failed' || createdAt.getTime() < expiredBefore) {
        const reason = state === 'failed' ? 'payment_failed' : 'expired';
        if (await cancelUnpaidOrder(db, orderId, reason)) cancelled.push({ orderId, reason });
        continue;
      }
      // A job kept as completed (or in an unknown state) would make the add a no-op.
      if (job) await job.remove();
      // The order is re-read under its lock when the job runs: paid meanwhile, it is skipped.
      const data = repay ? { orderId, paymentId: unpaid.latestPaymentId! } : { orderId };
      await orders.add(JOBS.orders.process, data, { ...JOB_OPTIONS.orders, jobId });
      requeued.push(orderId);
    }
    if (page.length < 500) break;
    afterId = page[page.length - 1]!.id;
  }
  return { skipped: false, cancelled, requeued };
}

/**
 * Receives restocks overdue by RESTOCK_OVERDUE_GRACE_MS whose `receive` job will not run
 * (failed for good, or lost): without this they would stay `in_transit`, their stock
 * `incoming` forever. `receiveRestock` is guarded by the status, so a job that does run
 * after all changes nothing. Skips a round while the relay is behind, as above.
 */
export async function sweepOverdueRestocks(
  db: Database,
  restock: Queue,
  graceMs = RESTOCK_OVERDUE_GRACE_MS,
) {
  if (await relayIsBehind(db)) return { skipped: true, received: [] };
  const received: number[] = [];
  for (const restockId of await overdueRestocks(db, graceMs)) {
    const job = await restock.getJob(restockReceiveJobId(restockId));
    const state = job ? await job.getState() : 'missing';
    if (ALIVE.has(state)) continue;
    if (await receiveRestock(db, restockId, 'sweeper')) received.push(restockId);
  }
  return { skipped: false, received };
}

export function startSweeper(options: {
  db: Database;
  orders: Queue;
  restock: Queue;
  env: WorkerEnv;
  log: Logger;
}) {
  const { db, orders, restock, env, log } = options;
  let running: Promise<void> | undefined;
  const sweep = async () => {
    const { cancelled, requeued } = await sweepUnpaidOrders(db, orders, env);
    if (requeued.length > 0) {
      log.warn(
        { requeued: requeued.length, orderIds: requeued.slice(0, 20) },
        'pending orders had no payment job (Redis lost it?); their jobs were added again',
      );
    }
    if (cancelled.length > 0) log.info({ cancelled }, 'unpaid orders cancelled');
    const { received } = await sweepOverdueRestocks(db, restock);
    if (received.length > 0) log.warn({ received }, 'overdue restocks received by the sweeper');
  };
  const timer = setInterval(() => {
    running ??= sweep()
      .catch((err) => log.warn({ err }, 'sweep failed; next round will retry'))
      .finally(() => {
        running = undefined;
      });
  }, env.SWEEP_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

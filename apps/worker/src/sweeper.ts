import { cancelUnpaidOrder, stalePendingOrders } from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import { orderJobId } from '@stockpulse/shared';
import type { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { WorkerEnv } from './env';

/** Job states in which the order's payment may still complete. */
const ALIVE = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Cancels `pending` orders older than ORDER_EXPIRY_MS whose payment will not complete
 * (DESIGN §4): a job that failed for good → `payment_failed` (the failure handler missed
 * it, e.g. the worker died); no job at all → `expired`. Skips a round while the relay is
 * behind (an unpublished outbox row older than 10 s), since a missing job may then be one
 * not enqueued yet.
 */
export async function sweepUnpaidOrders(db: Database, orders: Queue, env: WorkerEnv) {
  const [lagging] = await db.execute(
    sql`SELECT 1 FROM outbox WHERE published_at IS NULL
        AND created_at < UTC_TIMESTAMP(3) - INTERVAL 10 SECOND LIMIT 1`,
  );
  if ((lagging as unknown as unknown[]).length > 0) return { skipped: true, cancelled: [] };
  const cancelled: { orderId: number; reason: string }[] = [];
  for (const orderId of await stalePendingOrders(db, env.ORDER_EXPIRY_MS)) {
    const job = await orders.getJob(orderJobId(orderId));
    const state = job ? await job.getState() : 'missing';
    if (ALIVE.has(state)) continue;
    const reason = state === 'failed' ? 'payment_failed' : 'expired';
    if (await cancelUnpaidOrder(db, orderId, reason)) cancelled.push({ orderId, reason });
  }
  return { skipped: false, cancelled };
}

export function startSweeper(options: {
  db: Database;
  orders: Queue;
  env: WorkerEnv;
  log: Logger;
  notify: () => void;
}) {
  const { db, orders, env, log, notify } = options;
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= sweepUnpaidOrders(db, orders, env)
      .then(({ cancelled }) => {
        if (cancelled.length === 0) return;
        notify();
        log.info({ cancelled }, 'unpaid orders cancelled');
      })
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

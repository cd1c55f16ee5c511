import { createProducerQueues, notifyOutbox } from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import { JOBS, RESTOCK_SCAN_SCHEDULER_ID } from '@stockpulse/shared';
import type { Logger } from 'pino';
import type { WorkerDeps } from './deps';
import type { WorkerEnv } from './env';
import { createOrdersWorker } from './processors/orders';
import { createRestockWorker } from './processors/restock';
import { createProducerRedis, createRedis } from './redis';
import { startRelay } from './relay';
import { startSweeper } from './sweeper';

/**
 * Everything the worker process runs, wired together: the `orders` and `restock`
 * processors, the outbox relay, the restock scan scheduler and the unpaid-order sweeper
 * (WORKER_ROLE `all`), or only the relay (`relay`), or all but the relay (`jobs`).
 * `close()` stops them in order: workers first (BullMQ waits for active jobs), then the
 * relay and the sweeper, then the queues and connections.
 */
export function startWorker(env: WorkerEnv, db: Database, log: Logger) {
  const connection = createRedis(env.REDIS_URL, log);
  const producer = createProducerRedis(env.REDIS_URL);
  const subscriber = createRedis(env.REDIS_URL, log.child({ connection: 'subscriber' }));
  const queues = createProducerQueues(producer, env.REDIS_PREFIX);
  for (const queue of Object.values(queues)) queue.on('error', () => {}); // reported once above

  const notify = () => notifyOutbox(producer, env.REDIS_PREFIX);
  const deps: WorkerDeps = { db, connection, env, log, notify };
  const jobs = env.WORKER_ROLE !== 'relay';
  const workers = jobs ? [createOrdersWorker(deps), createRestockWorker(deps)] : [];
  const relay =
    env.WORKER_ROLE !== 'jobs'
      ? startRelay({ db, env, log, producer, subscriber, queues })
      : undefined;
  const sweeper = jobs
    ? startSweeper({ db, orders: queues.orders, restock: queues.restock, env, log, notify })
    : undefined;

  // Idempotent, so on every (re)connection: the scan schedule survives a Redis wipe.
  const schedule = () =>
    queues.restock
      .upsertJobScheduler(
        RESTOCK_SCAN_SCHEDULER_ID,
        { every: env.RESTOCK_SCAN_EVERY_MS },
        { name: JOBS.restock.scan, data: {} },
      )
      .catch((err) => log.warn({ err }, 'could not set the restock scan schedule yet'));
  if (jobs) {
    producer.on('ready', schedule);
    if (producer.status === 'ready') void schedule();
  }

  return {
    /** Resolves once the workers are connected (they wait for Redis). */
    ready: () =>
      Promise.all([queues.orders.waitUntilReady(), ...workers.map((w) => w.waitUntilReady())]),
    async close() {
      await Promise.allSettled(workers.map((worker) => worker.close()));
      await Promise.allSettled([relay?.stop(), sweeper?.stop()]);
      await Promise.allSettled(Object.values(queues).map((queue) => queue.close()));
      for (const redis of [connection, producer, subscriber]) {
        if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
        else redis.disconnect();
      }
    },
  };
}

import {
  createPaymentProvider,
  createProducerQueues,
  type PaymentProvider,
  wakeRelaysOnCommit,
} from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import { closeRedis, createRedis, logOutagesVia } from '@stockpulse/runtime';
import { JOBS, RESTOCK_SCAN_SCHEDULER_ID } from '@stockpulse/shared';
import type { RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerDeps } from './deps';
import type { WorkerEnv } from './env';
import { createImportsWorker } from './processors/imports';
import { createOrdersWorker } from './processors/orders';
import { createPaymentsWorker } from './processors/payments';
import { createRestockWorker } from './processors/restock';
import { PRODUCER_REDIS_OPTIONS, WORKER_REDIS_OPTIONS } from './redis';
import { startRelay } from './relay';
import { startSweeper } from './sweeper';

/**
 * Everything the worker process runs, wired together: the `orders`, `payments`, `restock`
 * and `imports` processors, the outbox relay, the restock scan scheduler and the unpaid-order sweeper
 * (WORKER_ROLE `all`), or only the relay (`relay`), or all but the relay (`jobs`).
 * `close()` stops them in order: workers first (BullMQ waits for active jobs), then the
 * relay and the sweeper, then the queues and connections.
 */
export function startWorker(
  env: WorkerEnv,
  db: Database,
  log: Logger,
  /** Tests may hand in a provider of their own (one that fails, then recovers). */
  options: { payments?: PaymentProvider } = {},
) {
  const redis = (name: string, options: RedisOptions) =>
    createRedis(env.REDIS_URL, { name, logger: log, ...options });
  const connection = redis('worker', WORKER_REDIS_OPTIONS);
  const producer = redis('producer', PRODUCER_REDIS_OPTIONS);
  const subscriber = redis('subscriber', WORKER_REDIS_OPTIONS);
  const queues = createProducerQueues(producer, env.REDIS_PREFIX);
  for (const queue of Object.values(queues)) {
    logOutagesVia(producer, queue, { source: `${queue.name} queue`, logger: log });
  }
  // Every commit that writes outbox rows (payments, cancellations, restocks) wakes the
  // relays through the producer connection.
  const stopWaking = wakeRelaysOnCommit(db, producer, env.REDIS_PREFIX);

  const payments =
    options.payments ??
    createPaymentProvider(env.PAYMENT_PROVIDER, {
      secret: env.PAYMENT_TOKEN_SECRET,
      latencyMs: env.PAYMENT_LATENCY_MS,
      failureRate: env.PAYMENT_FAILURE_RATE,
    });
  const deps: WorkerDeps = { db, connection, env, log, payments };
  const jobs = env.WORKER_ROLE !== 'relay';
  const workers = jobs
    ? [
        createOrdersWorker(deps),
        createPaymentsWorker(deps),
        createRestockWorker(deps),
        createImportsWorker(deps),
      ]
    : [];
  const relay =
    env.WORKER_ROLE !== 'jobs'
      ? startRelay({ db, env, log, producer, subscriber, queues })
      : undefined;
  const sweeper = jobs
    ? startSweeper({ db, orders: queues.orders, restock: queues.restock, env, log })
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
      stopWaking();
      await Promise.allSettled(Object.values(queues).map((queue) => queue.close()));
      for (const client of [connection, producer, subscriber]) await closeRedis(client);
    },
  };
}

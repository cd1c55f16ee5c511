import type { PaymentProvider } from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerEnv } from './env';

/** What every processor is built from. */
export interface WorkerDeps {
  db: Database;
  /** Blocking-safe connection (`maxRetriesPerRequest: null`) that BullMQ workers share. */
  connection: Redis;
  env: WorkerEnv;
  log: Logger;
  /** The card payment provider (PAYMENT_PROVIDER) the `orders` and `payments` jobs call. */
  payments: PaymentProvider;
}

/** BullMQ options every worker shares: the prefix, the lock and the stalled-job check. */
export const workerOptions = ({ connection, env }: WorkerDeps) => ({
  connection,
  prefix: env.REDIS_PREFIX,
  lockDuration: env.JOB_LOCK_MS,
  stalledInterval: env.STALLED_CHECK_MS,
  maxStalledCount: 1,
});

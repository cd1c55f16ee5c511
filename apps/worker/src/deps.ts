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
  /** Wakes the outbox relays after a commit that wrote outbox rows. */
  notify: () => void;
}

/** BullMQ options every worker shares: the prefix, the lock and the stalled-job check. */
export const workerOptions = ({ connection, env }: WorkerDeps) => ({
  connection,
  prefix: env.REDIS_PREFIX,
  lockDuration: env.JOB_LOCK_MS,
  stalledInterval: env.STALLED_CHECK_MS,
  maxStalledCount: 1,
});

/** One warning per outage, not one per reconnection attempt. */
export function throttledErrorLog(log: Logger, what: string, everyMs = 10_000) {
  let last = 0;
  return (err: Error) => {
    if (Date.now() - last < everyMs) return;
    last = Date.now();
    log.warn({ err }, `${what} error`);
  };
}

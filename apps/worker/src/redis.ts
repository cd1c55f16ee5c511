import type { RedisOptions } from 'ioredis';

/**
 * A worker's connection waits out a Redis outage instead of failing commands: BullMQ
 * workers require `maxRetriesPerRequest: null` and resume when Redis is back.
 * https://docs.bullmq.io/guide/going-to-production
 */
export const WORKER_REDIS_OPTIONS = {
  maxRetriesPerRequest: null,
  retryStrategy: (attempt: number) => Math.min(attempt * 200, 5_000),
} satisfies RedisOptions;

/**
 * A producer's connection fails fast instead of queueing while Redis is down (the relay
 * then rolls back and retries later): no offline queue, one retry per command.
 * https://docs.bullmq.io/patterns/failing-fast-when-redis-is-down
 */
export const PRODUCER_REDIS_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  retryStrategy: WORKER_REDIS_OPTIONS.retryStrategy,
} satisfies RedisOptions;

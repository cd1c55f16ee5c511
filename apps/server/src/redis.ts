import type { RedisOptions } from 'ioredis';

/**
 * The server's connection fails fast: with Redis down a command is rejected at once
 * instead of waiting in the offline queue, so no request hangs on it (BullMQ's
 * "failing fast when Redis is down"). It keeps reconnecting in the background; runtime's
 * `createRedis` logs each outage once.
 */
export const PRODUCER_REDIS_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
} satisfies RedisOptions;

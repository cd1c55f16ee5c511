import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * A producer's connection fails fast: with Redis down a command is rejected at once
 * instead of waiting in the offline queue, so no request hangs on it (BullMQ's
 * "failing fast when Redis is down"). It keeps reconnecting in the background.
 */
export const PRODUCER_REDIS_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
} satisfies RedisOptions;

export function createRedis(url: string, log: Logger): Redis {
  const redis = new Redis(url, PRODUCER_REDIS_OPTIONS);
  // One line per outage, not one per reconnection attempt.
  let up = true;
  redis.on('error', (err) => {
    if (up) log.warn({ err }, 'Redis unavailable; reconnecting in the background');
    up = false;
  });
  redis.on('ready', () => {
    if (!up) log.info('Redis reconnected');
    up = true;
  });
  return redis;
}

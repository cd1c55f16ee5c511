import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * A worker's connection waits out a Redis outage instead of failing commands: BullMQ
 * workers require `maxRetriesPerRequest: null` and resume when Redis is back.
 * https://docs.bullmq.io/guide/going-to-production
 */
export const WORKER_REDIS_OPTIONS = {
  maxRetriesPerRequest: null,
  retryStrategy: (attempt: number) => Math.min(attempt * 200, 5_000),
} satisfies RedisOptions;

export function createRedis(url: string, log: Logger): Redis {
  const redis = new Redis(url, WORKER_REDIS_OPTIONS);
  // One line per outage, not one per reconnection attempt.
  let up = true;
  redis.on('error', (err) => {
    if (up) log.warn({ err }, 'Redis unavailable; waiting for it');
    up = false;
  });
  redis.on('ready', () => {
    if (!up) log.info('Redis reconnected');
    up = true;
  });
  return redis;
}

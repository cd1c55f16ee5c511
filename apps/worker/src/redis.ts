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

/**
 * A producer's connection fails fast instead of queueing while Redis is down (the relay
 * then rolls back and retries later): no offline queue, one retry per command.
 * https://docs.bullmq.io/patterns/failing-fast-when-redis-is-down
 */
export function createProducerRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: WORKER_REDIS_OPTIONS.retryStrategy,
  });
  redis.on('error', () => {}); // the worker connection reports outages
  return redis;
}

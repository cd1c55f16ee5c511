import {
  createOutboxRelay,
  createRedisPublisher,
  deletePublishedOutbox,
  outboxWakeChannel,
  type ProducerQueues,
} from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerEnv } from './env';

const CLEANUP_EVERY_MS = 10 * 60_000;
const KEEP_PUBLISHED_MS = 24 * 3600_000;

/**
 * Runs the outbox relay: woken by every message on the wake-up channel (writers publish
 * one after commit) and whenever Redis comes back, with the relay's own slow poll as the
 * fallback; published rows older than a day are deleted every ten minutes.
 */
export function startRelay(options: {
  db: Database;
  env: WorkerEnv;
  log: Logger;
  /** Fail-fast connection the relay publishes through. */
  producer: Redis;
  /** A connection of its own, put in subscriber mode. */
  subscriber: Redis;
  queues: ProducerQueues;
}) {
  const { db, env, log, producer, subscriber, queues } = options;
  const prefix = env.REDIS_PREFIX;
  const relay = createOutboxRelay(db, createRedisPublisher(producer, queues, prefix), {
    pollMs: env.OUTBOX_POLL_MS,
    log,
  });
  const channel = outboxWakeChannel(prefix);
  subscriber.on('message', (from: string) => {
    if (from === channel) relay.wake();
  });
  // ioredis resubscribes by itself after a reconnect; either connection coming back ends
  // a backoff early.
  subscriber.on('ready', () => relay.retryNow());
  producer.on('ready', () => relay.retryNow());
  subscriber.subscribe(channel).catch((err) => log.warn({ err }, 'cannot subscribe yet'));

  const cleanup = setInterval(() => {
    deletePublishedOutbox(db, KEEP_PUBLISHED_MS).then(
      (deleted) => deleted > 0 && log.info({ deleted }, 'old outbox rows deleted'),
      (err) => log.warn({ err }, 'outbox cleanup failed'),
    );
  }, CLEANUP_EVERY_MS);
  cleanup.unref();

  // The first pass waits for the connection it publishes through, instead of failing
  // (and logging an outage) in the milliseconds before it is up; later outages are real.
  if (producer.status === 'ready') relay.start();
  else producer.once('ready', () => relay.start());
  return {
    relay,
    async stop() {
      clearInterval(cleanup);
      await relay.stop();
    },
  };
}

import { Emitter } from '@socket.io/redis-emitter';
import { deliveriesFor, type EventName, QUEUES, type QueueName } from '@stockpulse/shared';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OutboxJob } from './messages';
import { DEFAULT_REDIS_PREFIX, liveStockChannel, socketIoRedisKey } from './notify';

/** An outbox row as the relay reads it. */
export interface OutboxRow {
  id: number;
  kind: 'event' | 'job';
  topic: string;
  payload: string;
  createdAt: Date;
}

/** Where the relay sends rows: Socket.IO rooms and BullMQ queues. */
export interface OutboxPublisher {
  /** False while Redis is down: the relay then backs off without touching MySQL. */
  ready(): boolean;
  /** Resolves once Redis has accepted every message; rejects otherwise. */
  publish(rows: OutboxRow[]): Promise<void>;
  /**
   * Tells the admins that committed sales figures changed (best effort: a lost signal
   * is made up for by the next one, and the console also refetches on order events).
   */
  salesChanged?(): void;
}

/** At most one `sales:changed` per this many ms per relay: a burst of orders is one. */
export const SALES_SIGNAL_MS = 250;

const DAY_S = 24 * 3600;
/**
 * Kept completed jobs make a second publication of the same row a no-op (BullMQ ignores
 * an id it still holds); failed ones stay a week for the admin to see and retry.
 */
const KEEP = { removeOnComplete: { age: DAY_S, count: 10_000 }, removeOnFail: { age: 7 * DAY_S } };

/** Retries with exponential backoff: 0.5 s, 1 s, 2 s, 4 s between five attempts. */
export const JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  orders: { attempts: 5, backoff: { type: 'exponential', delay: 500 }, ...KEEP },
  restock: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, ...KEEP },
  // An import is idempotent by SKU, so a retry after a crash redoes only what is left.
  imports: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, ...KEEP },
  // Provider calls carry idempotency keys, so a retry never charges or refunds twice; a
  // provider outage is ridden out for about an hour (1 s doubling, twelve attempts).
  payments: { attempts: 12, backoff: { type: 'exponential', delay: 1_000 }, ...KEEP },
};

/** Producer queues (no workers): one per queue name, sharing `redis`. */
export function createProducerQueues(redis: Redis, prefix = DEFAULT_REDIS_PREFIX) {
  const make = (name: QueueName) =>
    new Queue(name, { connection: redis, prefix, defaultJobOptions: JOB_OPTIONS[name] });
  return {
    orders: make(QUEUES.orders),
    restock: make(QUEUES.restock),
    imports: make(QUEUES.imports),
    payments: make(QUEUES.payments),
  } satisfies Record<QueueName, Queue>;
}
export type ProducerQueues = ReturnType<typeof createProducerQueues>;

const isQueueName = (topic: string): topic is QueueName => topic in QUEUES;

/**
 * Publishes through `redis`, which should fail fast (`enableOfflineQueue: false`) so an
 * outage rejects at once. The emitter fires and forgets its PUBLISH; it is given a client
 * that keeps each reply so the relay can wait for Redis to accept them all.
 *
 * `inventory:changed` goes to `liveStockChannel`, where each server coalesces bursts for
 * its own sockets; every other event goes to its rooms through the Socket.IO adapter, as
 * it comes and in order (the admin sees every order event). Nothing is held back: a pass
 * commits as soon as Redis has accepted its messages.
 */
export function createRedisPublisher(
  redis: Redis,
  queues: ProducerQueues,
  prefix = DEFAULT_REDIS_PREFIX,
): OutboxPublisher {
  const stockChannel = liveStockChannel(prefix);
  let sink: Promise<unknown>[] = [];
  const emitter = new Emitter(
    {
      publish(channel: string, message: Buffer | string) {
        const reply = redis.publish(channel, message);
        sink.push(reply);
        return reply;
      },
    },
    { key: socketIoRedisKey(prefix) },
  );
  /** Emits now; resolves once Redis has accepted the PUBLISH. */
  function emit(topic: EventName, payload: unknown): Promise<unknown> {
    const replies: Promise<unknown>[] = [];
    sink = replies;
    for (const delivery of deliveriesFor(topic, payload as never)) {
      emitter.to(delivery.rooms).emit(topic, delivery.payload);
    }
    return Promise.all(replies);
  }
  let signalTimer: NodeJS.Timeout | undefined;
  return {
    ready: () => redis.status === 'ready',
    salesChanged() {
      if (signalTimer) return;
      signalTimer = setTimeout(() => {
        signalTimer = undefined;
        if (redis.status !== 'ready') return;
        emit('sales:changed', { at: new Date().toISOString() }).catch(() => {});
      }, SALES_SIGNAL_MS);
      signalTimer.unref();
    },
    async publish(rows) {
      const replies: Promise<unknown>[] = [];
      for (const row of rows) {
        if (row.kind === 'event') {
          const topic = row.topic as EventName;
          replies.push(
            topic === 'inventory:changed'
              ? redis.publish(stockChannel, row.payload)
              : emit(topic, JSON.parse(row.payload)),
          );
        } else if (isQueueName(row.topic)) {
          replies.push(addJob(queues[row.topic], JSON.parse(row.payload), row.createdAt));
        } else {
          throw new Error(`outbox row ${row.id}: unknown queue ${row.topic}`);
        }
      }
      await Promise.all(replies);
    },
  };
}

function addJob(queue: Queue, job: OutboxJob['payload'], createdAt: Date) {
  // A delay counts from the commit, not from a publication that Redis held up.
  const delay = job.delayMs ? Math.max(0, createdAt.getTime() + job.delayMs - Date.now()) : 0;
  return queue.add(job.name, job.data, { jobId: job.jobId, ...(delay > 0 ? { delay } : {}) });
}

import { Emitter } from '@socket.io/redis-emitter';
import {
  type EventName,
  type InventoryChanged,
  QUEUES,
  type QueueName,
  roomsFor,
} from '@stockpulse/shared';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OutboxJob } from './messages';
import { DEFAULT_REDIS_PREFIX, socketIoRedisKey } from './notify';

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
}

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
};

/** Producer queues (no workers): one per queue name, sharing `redis`. */
export function createProducerQueues(redis: Redis, prefix = DEFAULT_REDIS_PREFIX) {
  const make = (name: QueueName) =>
    new Queue(name, { connection: redis, prefix, defaultJobOptions: JOB_OPTIONS[name] });
  return { orders: make(QUEUES.orders), restock: make(QUEUES.restock) } satisfies Record<
    QueueName,
    Queue
  >;
}
export type ProducerQueues = ReturnType<typeof createProducerQueues>;

const isQueueName = (topic: string): topic is QueueName => topic in QUEUES;

/** At most one `inventory:changed` per product per this window reaches its watchers. */
export const COALESCE_WINDOW_MS = 100;

/**
 * Publishes through `redis`, which should fail fast (`enableOfflineQueue: false`) so an
 * outage rejects at once. The emitter fires and forgets its PUBLISH; it is given a client
 * that keeps each reply so the relay can wait for Redis to accept them all.
 *
 * Bursts of `inventory:changed` are coalesced here, per product (see `createCoalescer`);
 * every other event goes out as it comes, in order: the admin sees every order event.
 */
export function createRedisPublisher(
  redis: Redis,
  queues: ProducerQueues,
  prefix = DEFAULT_REDIS_PREFIX,
  options: { coalesceWindowMs?: number } = {},
): OutboxPublisher {
  const key = socketIoRedisKey(prefix);
  let sink: Promise<unknown>[] = [];
  const emitter = new Emitter(
    {
      publish(channel: string, message: Buffer | string) {
        const reply = redis.publish(channel, message);
        sink.push(reply);
        return reply;
      },
    },
    { key },
  );
  /** Emits now; resolves once Redis has accepted the PUBLISH. */
  function emit(topic: EventName, payload: unknown): Promise<unknown> {
    const replies: Promise<unknown>[] = [];
    sink = replies;
    emitter.to(roomsFor(topic, payload as never)).emit(topic, payload);
    return Promise.all(replies);
  }
  const coalescer = createCoalescer(
    (payload) => emit('inventory:changed', payload),
    options.coalesceWindowMs ?? COALESCE_WINDOW_MS,
  );
  return {
    ready: () => redis.status === 'ready',
    async publish(rows) {
      const replies: Promise<unknown>[] = [];
      for (const row of rows) {
        const payload = JSON.parse(row.payload);
        if (row.kind === 'event') {
          const topic = row.topic as EventName;
          replies.push(
            topic === 'inventory:changed' ? coalescer.offer(payload) : emit(topic, payload),
          );
        } else if (isQueueName(row.topic)) {
          replies.push(addJob(queues[row.topic], payload, row.createdAt));
        } else {
          throw new Error(`outbox row ${row.id}: unknown queue ${row.topic}`);
        }
      }
      await Promise.all(replies);
    },
  };
}

interface Window {
  /** Settles when the emit that opened the window (or the last one sent) is accepted. */
  sent: Promise<unknown>;
  sentVersion: number;
  /** The newest event offered during the window, sent when it ends. */
  held: InventoryChanged | null;
  /** Settles when the held event's emit, at the window's end, is accepted. */
  heldSent: Deferred | null;
}

interface Deferred {
  promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

function deferred(): Deferred {
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // Whoever waits sees the rejection; the window itself must not report it unhandled.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * Coalesces `inventory:changed` per product: the first change of a burst goes out at
 * once and opens a `windowMs` window; the changes offered during it are held, the highest
 * `version` winning, and that one goes out when the window ends (opening the next window,
 * so a steady stream gives one event per window). An event no newer than what was sent
 * or is held is simply dropped: clients ignore older versions anyway.
 *
 * `offer` resolves when Redis has accepted an emit that carries this change or a newer
 * one: the event itself, or the newer event that superseded it (then at the window's
 * end). The relay awaits it before stamping the row `published_at`, so marking a row
 * whose event was never sent is safe: its newer version was accepted first, and a client
 * would have dropped the older one on arrival. If that emit fails, every row it covered
 * rejects, their pass rolls back, and they are published again (the failed window is
 * forgotten, so the retry goes out at once).
 *
 * The state is per publisher, so per relay process: several relays may each send one
 * event per window for the same product. A product whose window has ended leaves no
 * trace, so memory follows the products changed in the last `windowMs`.
 */
export function createCoalescer(
  send: (event: InventoryChanged) => Promise<unknown>,
  windowMs: number,
) {
  const windows = new Map<number, Window>();

  function open(event: InventoryChanged): Window {
    const window: Window = {
      sent: send(event),
      sentVersion: event.version,
      held: null,
      heldSent: null,
    };
    window.sent.catch((err) => {
      // Forget the failed window (a retry goes out at once) and fail what it held:
      // those rows roll back and are published again.
      if (windows.get(event.productId) === window) windows.delete(event.productId);
      window.heldSent?.reject(err);
      window.held = null;
    });
    windows.set(event.productId, window);
    setTimeout(() => close(event.productId, window), windowMs).unref();
    return window;
  }

  function close(productId: number, window: Window) {
    if (windows.get(productId) !== window) return;
    windows.delete(productId);
    const { held, heldSent } = window;
    if (!held || !heldSent) return;
    const next = open(held);
    next.sent.then(heldSent.resolve, heldSent.reject);
  }

  return {
    offer(event: InventoryChanged): Promise<unknown> {
      const window = windows.get(event.productId);
      if (!window) return open(event).sent;
      if (event.version <= window.sentVersion) return window.sent;
      if (window.held && event.version <= window.held.version) {
        return (window.heldSent as Deferred).promise;
      }
      window.held = event;
      window.heldSent ??= deferred();
      return window.heldSent.promise;
    },
    /** Products with an open window, for tests. */
    size: () => windows.size,
  };
}

function addJob(queue: Queue, job: OutboxJob['payload'], createdAt: Date) {
  // A delay counts from the commit, not from a publication that Redis held up.
  const delay = job.delayMs ? Math.max(0, createdAt.getTime() + job.delayMs - Date.now()) : 0;
  return queue.add(job.name, job.data, { jobId: job.jobId, ...(delay > 0 ? { delay } : {}) });
}

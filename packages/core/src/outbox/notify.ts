import type { Database } from '@stockpulse/db';
import type { Redis } from 'ioredis';

/** The BullMQ prefix (and the root of every other Redis key Stockpulse writes). */
export const DEFAULT_REDIS_PREFIX = 'stockpulse';

/** The pub/sub channel that wakes the outbox relays right after a commit. */
export const outboxWakeChannel = (prefix = DEFAULT_REDIS_PREFIX) => `${prefix}:outbox:wake`;

/**
 * The Socket.IO Redis key shared by the worker's emitter and the server's
 * `@socket.io/redis-adapter` (its `key` option): under the prefix, so test runs never
 * hear each other.
 */
export const socketIoRedisKey = (prefix = DEFAULT_REDIS_PREFIX) => `${prefix}:socket.io`;

/**
 * The pub/sub channel of committed `inventory:changed` events, one message per change (the
 * outbox row's JSON as is). Every server process subscribes and emits them to its own
 * sockets, coalescing bursts there (apps/server/src/live/stock-feed.ts), so the relay
 * never holds a row back to wait for a coalescing window.
 */
export const liveStockChannel = (prefix = DEFAULT_REDIS_PREFIX) => `${prefix}:live:stock`;

/** Channels with a wake-up already scheduled for this turn of the event loop, per client. */
const scheduled = new WeakMap<Redis, Set<string>>();

/**
 * Wakes the outbox relays after a commit that wrote outbox rows (MySQL has no
 * LISTEN/NOTIFY). Fire-and-forget: it never throws and never waits, and does nothing
 * while Redis is down; the relays' slow poll picks the rows up anyway.
 *
 * The commits of one turn of the event loop share one PUBLISH, sent at the end of that
 * turn (`setImmediate`): a relay pass reads every pending row anyway, and under checkout
 * load this spares a Redis write per order without delaying any wake-up by more than the
 * rest of the turn.
 */
export function notifyOutbox(redis: Redis, prefix = DEFAULT_REDIS_PREFIX): void {
  if (redis.status !== 'ready') return;
  const channel = outboxWakeChannel(prefix);
  let channels = scheduled.get(redis);
  if (!channels) {
    channels = new Set();
    scheduled.set(redis, channels);
  }
  if (channels.has(channel)) return;
  channels.add(channel);
  const pending = channels;
  setImmediate(() => {
    pending.delete(channel);
    if (redis.status === 'ready') redis.publish(channel, '1').catch(() => {});
  });
}

/** How commits on each database wake the relays, as the process set it up. */
const wakers = new WeakMap<Database, Set<() => void>>();

/**
 * Makes every commit on `db` that wrote outbox rows wake the relays through `redis` (on
 * the prefix's channel, see `notifyOutbox`): what a process that writes sets once, beside
 * its database and Redis connections (apps/server's `buildServer`, apps/worker's
 * `startWorker`). Returns the undo, for when those connections close.
 */
export function wakeRelaysOnCommit(
  db: Database,
  redis: Redis,
  prefix = DEFAULT_REDIS_PREFIX,
): () => void {
  const wake = () => notifyOutbox(redis, prefix);
  let set = wakers.get(db);
  if (!set) {
    set = new Set();
    wakers.set(db, set);
  }
  set.add(wake);
  return () => void wakers.get(db)?.delete(wake);
}

/**
 * A commit on `db` wrote outbox rows: wakes the relays the way `wakeRelaysOnCommit` said
 * (nothing if it was not called; the relays' poll finds the rows). `writeOutbox` asks for
 * it after its transaction's commit; a path that writes outbox rows some other way (the
 * placement's stored procedure) calls it after its own commit.
 */
export function outboxCommitted(db: Database): void {
  const set = wakers.get(db);
  if (set) for (const wake of set) wake();
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import {
  createTestDatabase,
  eventually,
  startRedis,
  type TestDatabase,
} from '@stockpulse/devstack';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OutboxMessage } from './messages';
import { liveStockChannel, notifyOutbox, outboxWakeChannel, socketIoRedisKey } from './notify';
import { createProducerQueues, createRedisPublisher } from './publisher';
import { createOutboxRelay, deletePublishedOutbox, relayBatch } from './relay';
import { writeOutbox } from './write';

let database: TestDatabase;
let handle: DatabaseHandle;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  handle = connect(database.url);
});
// Each test stops its relays and connections, so none of them works on the next test's rows.
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

/** A prefix of this test's own, under the run's prefix. */
const freshPrefix = () => `${inject('redisPrefix')}-relay-${randomBytes(3).toString('hex')}`;

/** A fail-fast producer connection, as the worker makes it. */
function producer(url: string) {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  closers.push(() => redis.disconnect());
  return redis;
}

function relayOn(url: string, prefix: string, options: { batchSize?: number } = {}) {
  const redis = producer(url);
  const queues = createProducerQueues(redis, prefix);
  closers.push(() => Promise.all([queues.orders.close(), queues.restock.close()]));
  return createOutboxRelay(handle.db, createRedisPublisher(redis, queues, prefix), {
    pollMs: 200,
    ...options,
  });
}

/** Counts the live messages published under `prefix`: Socket.IO broadcasts and stock changes. */
async function countBroadcasts(url: string, prefix: string) {
  const sub = new Redis(url);
  closers.push(() => sub.disconnect());
  let count = 0;
  sub.on('pmessageBuffer', () => count++);
  sub.on('messageBuffer', () => count++);
  await sub.psubscribe(`${socketIoRedisKey(prefix)}#*`);
  await sub.subscribe(liveStockChannel(prefix));
  return () => count;
}

// These tests count that every row is published exactly once (the servers, not the
// relay, coalesce bursts of one product).
const event = (n: number): OutboxMessage => ({
  kind: 'event',
  topic: 'inventory:changed',
  payload: {
    productId: n,
    variantId: n,
    available: n,
    productAvailable: n,
    onHand: n,
    reserved: 0,
    incoming: 0,
    unavailable: 0,
    version: n,
  },
});
const job = (n: number, tag: string): OutboxMessage => ({
  kind: 'job',
  topic: 'orders',
  payload: { name: 'process', jobId: `order-${tag}-${n}`, data: { orderId: n } },
});

async function unpublished() {
  const [rows] = await handle.pool.query(
    'SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL',
  );
  return Number((rows as { n: number }[])[0]?.n);
}

describe('outbox relay', () => {
  it('publishes every committed row once, marks it, and never a rolled-back one', async () => {
    const prefix = freshPrefix();
    const url = inject('redisUrl');
    const broadcasts = await countBroadcasts(url, prefix);
    const relay = relayOn(url, prefix);
    relay.start();
    closers.push(() => relay.stop());

    for (let n = 1; n <= 30; n++) {
      await handle.db.transaction((tx) => writeOutbox(tx, [event(n), job(n, 'a')]));
    }
    await expect(
      handle.db.transaction(async (tx) => {
        await writeOutbox(tx, [event(999), job(999, 'a')]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');

    await eventually('every row published', async () =>
      (await unpublished()) === 0 ? true : undefined,
    );
    await eventually('every broadcast heard', () => (broadcasts() >= 30 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a duplicate to show
    expect(broadcasts()).toBe(30);

    const queue = new Queue('orders', { connection: producer(url), prefix });
    closers.push(() => queue.close());
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 30 });
    expect(await queue.getJob('order-a-999')).toBeUndefined();
    expect((await queue.getJob('order-a-7'))?.data).toEqual({ orderId: 7 });
    expect(relay.published()).toBe(60);
  });

  it('shares the work between two relays without publishing any row twice', async () => {
    const prefix = freshPrefix();
    const url = inject('redisUrl');
    const broadcasts = await countBroadcasts(url, prefix);
    await handle.db.transaction((tx) =>
      writeOutbox(
        tx,
        Array.from({ length: 600 }, (_, i) => event(i + 1)),
      ),
    );
    const relays = [
      relayOn(url, prefix, { batchSize: 25 }),
      relayOn(url, prefix, { batchSize: 25 }),
    ];
    for (const relay of relays) {
      relay.start();
      closers.push(() => relay.stop());
    }
    await eventually('every row published', async () =>
      (await unpublished()) === 0 ? true : undefined,
    );
    await eventually('every broadcast heard', () => (broadcasts() >= 600 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(broadcasts()).toBe(600);
    const shares = relays.map((relay) => relay.published());
    expect(shares[0]! + shares[1]!).toBe(600);
    // Both took part (SKIP LOCKED hands each relay rows the other has not claimed).
    expect(Math.min(...shares)).toBeGreaterThan(0);
  });

  it('is woken by a notification long before its poll would run', async () => {
    const prefix = freshPrefix();
    const url = inject('redisUrl');
    const redis = producer(url);
    const queues = createProducerQueues(redis, prefix);
    closers.push(() => Promise.all([queues.orders.close(), queues.restock.close()]));
    const relay = createOutboxRelay(handle.db, createRedisPublisher(redis, queues, prefix), {
      pollMs: 60_000,
    });
    const sub = new Redis(url);
    closers.push(() => sub.disconnect());
    sub.on('message', () => relay.wake());
    await sub.subscribe(outboxWakeChannel(prefix));
    relay.start();
    closers.push(() => relay.stop());
    await eventually('the first pass', async () =>
      (await unpublished()) === 0 ? true : undefined,
    );

    await handle.db.transaction((tx) => writeOutbox(tx, [job(1, 'wake')]));
    const committed = Date.now();
    notifyOutbox(redis, prefix);
    await eventually('the row published', async () =>
      (await unpublished()) === 0 ? true : undefined,
    );
    expect(Date.now() - committed).toBeLessThan(1_000);
  });

  it('sends one wake-up for the commits of one event-loop turn, and one per later turn', async () => {
    const url = inject('redisUrl');
    const prefix = freshPrefix();
    const redis = new Redis(url);
    const sub = new Redis(url);
    closers.push(() => {
      redis.disconnect();
      sub.disconnect();
    });
    await eventually('connected', () => (redis.status === 'ready' ? true : undefined));
    let heard = 0;
    sub.on('message', () => {
      heard += 1;
    });
    await sub.subscribe(outboxWakeChannel(prefix));
    for (let i = 0; i < 20; i += 1) notifyOutbox(redis, prefix);
    await eventually('the first wake-up', () => (heard === 1 ? true : undefined));
    notifyOutbox(redis, prefix);
    await new Promise((resolve) => setImmediate(resolve));
    notifyOutbox(redis, prefix);
    await eventually('two more', () => (heard === 3 ? true : undefined));
    // Nothing more arrives late.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toBe(3);
  });

  it('keeps rows while Redis is down and publishes each once when it is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sp-relay-redis-'));
    closers.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let server = await startRedis({ dataDir });
    closers.push(() => server.stop());
    const prefix = freshPrefix();
    const redis = new Redis(server.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 100,
    });
    redis.on('error', () => {});
    closers.push(() => redis.disconnect());
    const queues = createProducerQueues(redis, prefix);
    for (const queue of Object.values(queues)) queue.on('error', () => {});
    closers.push(() => Promise.all([queues.orders.close(), queues.restock.close()]));
    const relay = createOutboxRelay(handle.db, createRedisPublisher(redis, queues, prefix), {
      pollMs: 100,
      maxBackoffMs: 200,
    });
    relay.start();
    closers.push(() => relay.stop());
    await eventually('the first pass', async () =>
      (await unpublished()) === 0 ? true : undefined,
    );

    await server.stop();
    for (let n = 1; n <= 20; n++) {
      await handle.db.transaction((tx) => writeOutbox(tx, [job(n, 'down')]));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await unpublished()).toBe(20);

    server = await startRedis({ dataDir, port: server.port });
    await eventually('every row published', async () =>
      (await unpublished()) === 0 ? true : undefined,
    );
    const reader = new Queue('orders', { connection: producer(server.url), prefix });
    closers.push(() => reader.close());
    expect(await reader.getJobCounts('waiting')).toEqual({ waiting: 20 });
  });

  it('publishes a repeated job once: BullMQ ignores an id it still holds', async () => {
    const prefix = freshPrefix();
    const url = inject('redisUrl');
    const redis = producer(url);
    const queues = createProducerQueues(redis, prefix);
    closers.push(() => Promise.all([queues.orders.close(), queues.restock.close()]));
    const publisher = createRedisPublisher(redis, queues, prefix);
    await eventually('Redis', () => (redis.status === 'ready' ? true : undefined));
    // What a crash between publishing and committing leads to: the same rows again.
    for (let round = 0; round < 2; round++) {
      await handle.db.transaction((tx) => writeOutbox(tx, [job(1, 'twice')]));
      expect(await relayBatch(handle.db, publisher)).toBe(1);
    }
    expect(await queues.orders.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('deletes rows published long ago, and only those', async () => {
    await handle.db.transaction((tx) => writeOutbox(tx, [event(1), event(2)]));
    await handle.pool.query(
      `UPDATE outbox SET published_at = UTC_TIMESTAMP(3) - INTERVAL 2 DAY
       WHERE id = (SELECT id FROM (SELECT MAX(id) - 1 AS id FROM outbox) AS last)`,
    );
    const [before] = await handle.pool.query('SELECT COUNT(*) AS n FROM outbox');
    expect(await deletePublishedOutbox(handle.db, 24 * 3600_000)).toBe(1);
    const [after] = await handle.pool.query('SELECT COUNT(*) AS n FROM outbox');
    expect(Number((after as { n: number }[])[0]?.n)).toBe(
      Number((before as { n: number }[])[0]?.n) - 1,
    );
  });
});

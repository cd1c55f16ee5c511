import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invariantViolations } from '@stockpulse/core/testing';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import {
  createTestDatabase,
  eventually,
  startRedis,
  type TestDatabase,
} from '@stockpulse/devstack';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RowDataPacket } from 'mysql2/promise';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { order, shop, statuses, testEnv, transitions, unpublishedCount } from './testing';
import { startWorker } from './worker';

let database: TestDatabase;
let handle: DatabaseHandle;
const log = pino({ level: 'silent' });
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  handle = connect(database.url);
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

const allPaid = (ids: number[]) => async () =>
  (await statuses(handle, ids)).every((o) => o.status === 'paid') ? true : undefined;

describe('worker', () => {
  it('keeps placing orders while Redis is down, and processes each once when it is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sp-worker-redis-'));
    closers.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let server = await startRedis({ dataDir });
    closers.push(() => server.stop());
    const env = testEnv(database.url, server.url, inject('redisPrefix'));
    const worker = startWorker(env, handle.db, log);
    closers.push(() => worker.close());
    await worker.ready();

    const { customerId, productIds } = await shop(handle, { products: 4, onHand: 100 });
    const before = await Promise.all(
      Array.from({ length: 5 }, (_, i) => order(handle.db, customerId, productIds[i % 4]!)),
    );
    await eventually('the first orders paid', allPaid(before));

    await server.stop();
    const during: number[] = [];
    for (let i = 0; i < 20; i++)
      during.push(await order(handle.db, customerId, productIds[i % 4]!));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // order:created, inventory:changed and the job of each: none could be published.
    expect(await unpublishedCount(handle)).toBe(60);
    expect((await statuses(handle, during)).every((o) => o.status === 'pending')).toBe(true);

    server = await startRedis({ dataDir, port: server.port });
    await eventually('every order paid', allPaid([...before, ...during]), 30_000);
    for (const events of (await transitions(handle, [...before, ...during])).values()) {
      expect(events).toEqual(['null>pending', 'pending>paid']);
    }
    await eventually('the outbox drained', async () =>
      (await unpublishedCount(handle)) === 0 ? true : undefined,
    );
    const connection = new Redis(server.url);
    const queue = new Queue('orders', { connection, prefix: env.REDIS_PREFIX });
    expect(await queue.getJobCounts('completed', 'failed')).toEqual({ completed: 25, failed: 0 });
    await queue.close();
    connection.disconnect();
    expect(await invariantViolations(handle.pool)).toEqual([]);
  }, 60_000);

  it('restocks a product pushed under its reorder point once, then receives it', async () => {
    const env = testEnv(database.url, inject('redisUrl'), inject('redisPrefix'), {
      RESTOCK_SCAN_EVERY_MS: '1000',
      RESTOCK_LEAD_TIME_MS: '500',
    });
    // Two workers share the queues: still one scan per interval, and one restock.
    for (let i = 0; i < 2; i++) {
      const worker = startWorker(env, handle.db, log);
      closers.push(() => worker.close());
      await worker.ready();
    }
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 12 });
    const productId = productIds[0]!;
    await handle.pool.query('UPDATE inventory SET reorder_point = 10 WHERE product_id = ?', [
      productId,
    ]);
    // Selling 3 leaves 9 available: at or below the reorder point of 10.
    const sold = [];
    for (let i = 0; i < 3; i++) sold.push(await order(handle.db, customerId, productId));

    const restocks = async () => {
      const [rows] = await handle.pool.query<RowDataPacket[]>(
        'SELECT status, quantity, requested_by FROM restocks WHERE product_id = ?',
        [productId],
      );
      return rows;
    };
    await eventually('the restock received', async () =>
      (await restocks())[0]?.status === 'received' ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // two more scans
    expect(await restocks()).toEqual([
      { status: 'received', quantity: 10, requested_by: 'scheduler' },
    ]);
    const [[stock]] = (await handle.pool.query(
      'SELECT on_hand, reserved, incoming FROM inventory WHERE product_id = ?',
      [productId],
    )) as unknown as [RowDataPacket[]];
    // 12 on hand + 10 received; the three orders were paid, so still reserved.
    expect(stock).toEqual({ on_hand: 22, reserved: 3, incoming: 0 });
    await eventually('orders paid', allPaid(sold));
    await eventually('the outbox drained', async () =>
      (await unpublishedCount(handle)) === 0 ? true : undefined,
    );
    expect(await invariantViolations(handle.pool)).toEqual([]);
  }, 30_000);

  it('splits into a relay process and a jobs process that together pay orders', async () => {
    const env = testEnv(database.url, inject('redisUrl'), inject('redisPrefix'));
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const jobsOnly = startWorker({ ...env, WORKER_ROLE: 'jobs' }, handle.db, log);
    closers.push(() => jobsOnly.close());
    await jobsOnly.ready();
    const ids = [await order(handle.db, customerId, productIds[0]!)];
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // No relay yet: the job never reached the queue.
    expect(await unpublishedCount(handle)).toBeGreaterThan(0);
    expect(await statuses(handle, ids)).toMatchObject([{ status: 'pending' }]);

    const relayOnly = startWorker({ ...env, WORKER_ROLE: 'relay' }, handle.db, log);
    closers.push(() => relayOnly.close());
    await relayOnly.ready();
    await eventually('the order paid', allPaid(ids));
  });
});

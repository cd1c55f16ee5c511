import { processOrderPayment } from '@stockpulse/core';
import { drainOutbox, invariantViolations } from '@stockpulse/core/testing';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { createTestDatabase, eventually, type TestDatabase } from '@stockpulse/devstack';
import { orderJobId } from '@stockpulse/shared';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RowDataPacket } from 'mysql2/promise';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WorkerEnv } from '../env';
import { order, shop, statuses, testEnv, transitions, unpublishedCount } from '../testing';
import { startWorker } from '../worker';

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

async function run(overrides: Record<string, string> = {}) {
  const env = testEnv(database.url, inject('redisUrl'), inject('redisPrefix'), overrides);
  const worker = startWorker(env, handle.db, log);
  closers.push(() => worker.close());
  await worker.ready();
  return env;
}

function ordersQueue(env: WorkerEnv) {
  const connection = new Redis(env.REDIS_URL);
  const queue = new Queue('orders', { connection, prefix: env.REDIS_PREFIX });
  closers.push(() => queue.close().finally(() => connection.disconnect()));
  return queue;
}

async function reservedOf(productId: number) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    'SELECT reserved FROM inventory WHERE product_id = ?',
    [productId],
  );
  return Number(rows[0]?.reserved);
}

describe('orders processor', () => {
  it('pays every placed order exactly once', async () => {
    await run();
    const { customerId, productIds } = await shop(handle, { products: 3, onHand: 100 });
    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, i) => order(handle.db, customerId, productIds[i % 3]!)),
    );
    await eventually('every order paid', async () =>
      (await statuses(handle, ids)).every((o) => o.status === 'paid') ? true : undefined,
    );
    for (const events of (await transitions(handle, ids)).values()) {
      expect(events).toEqual(['null>pending', 'pending>paid']);
    }
    await eventually('the outbox drained', async () =>
      (await unpublishedCount(handle)) === 0 ? true : undefined,
    );
    expect(await invariantViolations(handle.pool)).toEqual([]);
  });

  it('does its effect once when a job is delivered twice, and nothing for an order no longer pending', async () => {
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const id = await order(handle.db, customerId, productIds[0]!);
    const simulation = { latencyMs: 20, failureRate: 0 };
    const outcomes = await Promise.all([
      processOrderPayment(handle.db, id, simulation),
      processOrderPayment(handle.db, id, simulation),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['paid', 'skipped']);
    expect(await processOrderPayment(handle.db, id, simulation)).toEqual({
      outcome: 'skipped',
      status: 'paid',
    });
    expect((await transitions(handle, [id])).get(id)).toEqual(['null>pending', 'pending>paid']);
    await drainOutbox(handle.db); // no relay here
    expect(await invariantViolations(handle.pool)).toEqual([]);
  });

  it('cancels the order with payment_failed after the last attempt, releasing its stock', async () => {
    const env = await run({ PAYMENT_FAILURE_RATE: '1' });
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const productId = productIds[0]!;
    const id = await order(handle.db, customerId, productId);
    expect(await reservedOf(productId)).toBe(1);

    // Five attempts, 0.5 + 1 + 2 + 4 s of backoff between them.
    await eventually(
      'the order cancelled',
      async () => ((await statuses(handle, [id]))[0]?.status === 'cancelled' ? true : undefined),
      20_000,
    );
    expect(await statuses(handle, [id])).toMatchObject([
      { status: 'cancelled', cancel_reason: 'payment_failed' },
    ]);
    expect((await transitions(handle, [id])).get(id)).toEqual([
      'null>pending',
      'pending>cancelled',
    ]);
    expect(await reservedOf(productId)).toBe(0);
    const job = await ordersQueue(env).getJob(orderJobId(id));
    expect(job?.attemptsMade).toBe(5);
    expect(await job?.getState()).toBe('failed');

    // An admin retrying the failed job changes nothing: the order is no longer pending.
    await job?.retry();
    await eventually('the retried job done', async () =>
      (await job?.getState()) === 'completed' ? true : undefined,
    );
    expect((await transitions(handle, [id])).get(id)).toEqual([
      'null>pending',
      'pending>cancelled',
    ]);
    await eventually('the outbox drained', async () =>
      (await unpublishedCount(handle)) === 0 ? true : undefined,
    );
    expect(await invariantViolations(handle.pool)).toEqual([]);
  }, 40_000);
});

import {
  batchedPaymentSteps,
  markPaid,
  processOrderPayment,
  simulatedProvider,
  transitionOrder,
} from '@stockpulse/core';
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

const simulated = (options: { latencyMs: number; failureRate: number }) =>
  simulatedProvider({ secret: 'stockpulse-dev-payment-token-secret', ...options });

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
      processOrderPayment(handle.db, { orderId: id }, { provider: simulated(simulation) }),
      processOrderPayment(handle.db, { orderId: id }, { provider: simulated(simulation) }),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['paid', 'skipped']);
    expect(
      await processOrderPayment(handle.db, { orderId: id }, { provider: simulated(simulation) }),
    ).toEqual({
      outcome: 'skipped',
      status: 'paid',
    });
    expect((await transitions(handle, [id])).get(id)).toEqual(['null>pending', 'pending>paid']);
    await drainOutbox(handle.db); // no relay here
    expect(await invariantViolations(handle.pool)).toEqual([]);
  });

  it('pays a batch in one transaction: each pending order once, the others left alone', async () => {
    const { customerId, productIds } = await shop(handle, { products: 2, onHand: 50 });
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) => order(handle.db, customerId, productIds[i % 2]!)),
    );
    const [cancelled, alreadyPaid, ...rest] = ids as [number, number, ...number[]];
    await transitionOrder(handle.db, { orderId: cancelled, to: 'cancelled', actor: 'admin:1' });
    await markPaid(handle.db, [alreadyPaid]);
    const missing = Math.max(...ids) + 1_000;

    const outcomes = await markPaid(handle.db, [...ids, rest[0]!, missing]);
    expect(outcomes.get(cancelled)).toEqual({ outcome: 'skipped', status: 'cancelled' });
    expect(outcomes.get(alreadyPaid)).toEqual({ outcome: 'skipped', status: 'paid' });
    expect(outcomes.get(missing)).toEqual({ outcome: 'missing' });
    for (const id of rest) expect(outcomes.get(id)).toEqual({ outcome: 'paid' });

    const history = await transitions(handle, ids);
    expect(history.get(cancelled)).toEqual(['null>pending', 'pending>cancelled']);
    for (const id of [alreadyPaid, ...rest]) {
      expect(history.get(id)).toEqual(['null>pending', 'pending>paid']);
    }
    const [rows] = await handle.pool.query<RowDataPacket[]>(
      `SELECT JSON_VALUE(payload, '$.orderId') AS order_id FROM outbox
       WHERE topic = 'order:updated' AND JSON_VALUE(payload, '$.status') = 'paid'
         AND JSON_VALUE(payload, '$.orderId') IN (?)`,
      [ids],
    );
    expect(rows.map((row) => Number(row.order_id)).sort((a, b) => a - b)).toEqual(
      [alreadyPaid, ...rest].sort((a, b) => a - b),
    );
    await drainOutbox(handle.db);
    expect(await invariantViolations(handle.pool)).toEqual([]);
  });

  it('pays each order once when two batching workers get every job, while customers cancel some', async () => {
    const { customerId, productIds } = await shop(handle, { products: 3, onHand: 200 });
    const ids = await Promise.all(
      Array.from({ length: 60 }, (_, i) => order(handle.db, customerId, productIds[i % 3]!)),
    );
    const simulation = { latencyMs: 2, failureRate: 0 };
    const workers = [0, 1].map(() => batchedPaymentSteps(handle.db, { windowMs: 5, maxBatch: 16 }));
    const cancelling = ids.filter((_, i) => i % 5 === 0);
    const [payments, cancellations] = await Promise.all([
      Promise.all(
        workers.flatMap((steps) =>
          ids.map((id) =>
            processOrderPayment(
              handle.db,
              { orderId: id },
              { provider: simulated(simulation), steps },
            ),
          ),
        ),
      ),
      Promise.allSettled(
        cancelling.map((id) =>
          transitionOrder(handle.db, {
            orderId: id,
            to: 'cancelled',
            actor: `customer:${customerId}`,
            customerId,
            ifStatus: 'pending',
          }),
        ),
      ),
    ]);
    expect(cancellations.every((c) => c.status === 'fulfilled')).toBe(true);
    const paid = payments.filter((p) => p.outcome === 'paid').length;
    const rows = await statuses(handle, ids);
    const paidRows = rows.filter((row) => row.status === 'paid').length;
    expect(paid).toBe(paidRows);
    expect(rows.filter((row) => row.status === 'pending')).toEqual([]);
    expect(paidRows).toBeGreaterThanOrEqual(ids.length - cancelling.length);
    for (const events of (await transitions(handle, ids)).values()) {
      expect([
        ['null>pending', 'pending>paid'],
        ['null>pending', 'pending>cancelled'],
      ]).toContainEqual(events);
    }
    await drainOutbox(handle.db);
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

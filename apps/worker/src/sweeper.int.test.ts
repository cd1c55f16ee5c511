import { callInventoryCheck, connect, type DatabaseHandle } from '@stockpulse/db';
import { createTestDatabase, eventually, type TestDatabase } from '@stockpulse/devstack';
import { orderJobId } from '@stockpulse/shared';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sweepUnpaidOrders } from './sweeper';
import { order, shop, statuses, testEnv } from './testing';

let database: TestDatabase;
let handle: DatabaseHandle;
let connection: Redis;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  handle = connect(database.url);
  connection = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  connection.disconnect();
  await handle.close();
  await database.drop();
});

describe('unpaid-order sweeper', () => {
  it('cancels stale pending orders whose payment cannot complete, and only those', async () => {
    const env = testEnv(database.url, inject('redisUrl'), inject('redisPrefix'), {
      ORDER_EXPIRY_MS: '60000',
    });
    const queue = new Queue('orders', { connection, prefix: env.REDIS_PREFIX });
    try {
      const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
      const place = () => order(handle.db, customerId, productIds[0]!);
      const [noJob, failedJob, waitingJob, fresh] = [
        await place(),
        await place(),
        await place(),
        await place(),
      ] as [number, number, number, number];
      await handle.pool.query(
        'UPDATE orders SET created_at = UTC_TIMESTAMP(3) - INTERVAL 2 MINUTE WHERE id IN (?)',
        [[noJob, failedJob, waitingJob]],
      );

      // The relay is behind (rows older than 10 s unpublished): the sweeper waits.
      await handle.pool.query(
        'UPDATE outbox SET created_at = UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE WHERE published_at IS NULL',
      );
      expect(await sweepUnpaidOrders(handle.db, queue, env)).toEqual({
        skipped: true,
        cancelled: [],
      });

      await handle.pool.query('UPDATE outbox SET published_at = UTC_TIMESTAMP(3)');
      // A job that failed for good: a worker whose payment provider always declines.
      await queue.add('process', { orderId: failedJob }, { jobId: orderJobId(failedJob) });
      const declinerConnection = connection.duplicate({ maxRetriesPerRequest: null });
      const decliner = new Worker(
        'orders',
        async () => {
          throw new Error('declined');
        },
        {
          connection: declinerConnection,
          prefix: env.REDIS_PREFIX,
        },
      );
      decliner.on('error', () => {});
      await eventually('the job failed', async () =>
        (await queue.getJobState(orderJobId(failedJob))) === 'failed' ? true : undefined,
      );
      await decliner.close();
      declinerConnection.disconnect();
      await queue.add('process', { orderId: waitingJob }, { jobId: orderJobId(waitingJob) });

      const result = await sweepUnpaidOrders(handle.db, queue, env);
      expect(result.cancelled).toEqual(
        expect.arrayContaining([
          { orderId: noJob, reason: 'expired' },
          { orderId: failedJob, reason: 'payment_failed' },
        ]),
      );
      expect(result.cancelled).toHaveLength(2);
      expect(await statuses(handle, [noJob, failedJob, waitingJob, fresh])).toMatchObject([
        { status: 'cancelled', cancel_reason: 'expired' },
        { status: 'cancelled', cancel_reason: 'payment_failed' },
        { status: 'pending' },
        { status: 'pending' },
      ]);
      await handle.pool.query('UPDATE outbox SET published_at = UTC_TIMESTAMP(3)');
      expect(await callInventoryCheck(handle.pool)).toEqual([]);
    } finally {
      await queue.close();
    }
  });
});

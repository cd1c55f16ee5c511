import { requestRestock } from '@stockpulse/core';
import { drainOutbox, invariantViolations } from '@stockpulse/core/testing';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { createTestDatabase, eventually, type TestDatabase } from '@stockpulse/devstack';
import { orderJobId, restockReceiveJobId } from '@stockpulse/shared';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sweepOverdueRestocks, sweepUnpaidOrders } from './sweeper';
import { order, shop, statuses, testEnv, transitions, unpublishedCount } from './testing';
import { startWorker } from './worker';

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
        requeued: [],
      });

      await drainOutbox(handle.db);
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
      expect(result.requeued).toEqual([]);
      expect(await statuses(handle, [noJob, failedJob, waitingJob, fresh])).toMatchObject([
        { status: 'cancelled', cancel_reason: 'expired' },
        { status: 'cancelled', cancel_reason: 'payment_failed' },
        { status: 'pending' },
        { status: 'pending' },
      ]);
      await drainOutbox(handle.db);
      expect(await invariantViolations(handle.pool)).toEqual([]);
    } finally {
      await queue.close();
    }
  });

  it('adds the payment job again for pending orders whose job Redis lost, and they get paid', async () => {
    const env = testEnv(database.url, inject('redisUrl'), inject('redisPrefix'), {
      PAYMENT_REQUEUE_AFTER_MS: '1000',
      SWEEP_EVERY_MS: '200',
    });
    const queue = new Queue('orders', { connection, prefix: env.REDIS_PREFIX });
    const log = pino({ level: 'silent' });
    let worker: ReturnType<typeof startWorker> | undefined;
    try {
      const { customerId, productIds } = await shop(handle, { products: 2, onHand: 20 });
      const lost = await Promise.all(
        Array.from({ length: 6 }, (_, i) => order(handle.db, customerId, productIds[i % 2]!)),
      );
      // The relay publishes every job (and folds the orders into the rollups)...
      const relay = startWorker({ ...env, WORKER_ROLE: 'relay' }, handle.db, log);
      await eventually('the relay published every job', async () =>
        (await unpublishedCount(handle)) === 0 ? true : undefined,
      );
      await relay.close();
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 6 });
      // ...then Redis loses them all (a restart without persistence, a failover, a flush).
      await queue.obliterate({ force: true });
      expect(await queue.getJob(orderJobId(lost[0]!))).toBeUndefined();

      worker = startWorker(env, handle.db, log);
      await worker.ready();
      await eventually(
        'every order whose job was lost paid',
        async () =>
          (await statuses(handle, lost)).every((o) => o.status === 'paid') ? true : undefined,
        15_000,
      );
      for (const events of (await transitions(handle, lost)).values()) {
        expect(events).toEqual(['null>pending', 'pending>paid']);
      }
      await worker.close();
      worker = undefined;
      await drainOutbox(handle.db);
      expect(await invariantViolations(handle.pool)).toEqual([]);
    } finally {
      await worker?.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('leaves young orders and live jobs alone, and expires only orders past ORDER_EXPIRY_MS', async () => {
    const env = testEnv(database.url, inject('redisUrl'), inject('redisPrefix'), {
      PAYMENT_REQUEUE_AFTER_MS: '1000',
      ORDER_EXPIRY_MS: '3000',
    });
    const queue = new Queue('orders', { connection, prefix: env.REDIS_PREFIX });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
      const place = () => order(handle.db, customerId, productIds[0]!);
      // Real ages, not rewritten created_at (a rewrite can move an order to another hour
      // than its rollup): past the expiry, past the re-enqueue age, and new.
      const tooOld = await place();
      await sleep(2_000);
      const [lost, waiting] = [await place(), await place()];
      await sleep(1_100);
      const young = await place();
      await drainOutbox(handle.db);
      await queue.add('process', { orderId: waiting }, { jobId: orderJobId(waiting) });
      const result = await sweepUnpaidOrders(handle.db, queue, env);
      expect(result).toEqual({
        skipped: false,
        cancelled: [{ orderId: tooOld, reason: 'expired' }],
        requeued: [lost],
      });
      expect(await queue.getJobState(orderJobId(lost))).toBe('waiting');
      expect(await queue.getJob(orderJobId(young))).toBeUndefined();
      // The job now exists: a second round adds nothing.
      expect((await sweepUnpaidOrders(handle.db, queue, env)).requeued).toEqual([]);
      expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 2 });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('receives a restock overdue past its eta whose receive job will not run, and only that one', async () => {
    const prefix = `${inject('redisPrefix')}-restock-sweep`;
    const queue = new Queue('restock', { connection, prefix });
    try {
      const { productIds } = await shop(handle, { products: 3, onHand: 10 });
      const [lost, failing, onTime] = await Promise.all(
        productIds.map((productId) =>
          requestRestock(handle.db, { productId, quantity: 7, actor: 'test', leadTimeMs: 60_000 }),
        ),
      );
      // Every outbox row published (the relay is not behind); the first two are long
      // overdue, the third is not due yet.
      await drainOutbox(handle.db);
      await handle.pool.query(
        'UPDATE restocks SET eta = UTC_TIMESTAMP(3) - INTERVAL 5 MINUTE WHERE id IN (?)',
        [[lost!.id, failing!.id]],
      );
      // `lost` has no job at all; `failing` has a live (delayed) one, so it is left to it.
      await queue.add(
        'receive',
        { restockId: failing!.id },
        {
          jobId: restockReceiveJobId(failing!.id),
          delay: 60_000,
        },
      );

      const result = await sweepOverdueRestocks(handle.db, queue);
      expect(result).toEqual({ skipped: false, received: [lost!.id] });
      const [rows] = await handle.pool.query('SELECT id, status FROM restocks WHERE id IN (?)', [
        [lost!.id, failing!.id, onTime!.id],
      ]);
      const statusOf = new Map(
        (rows as { id: number; status: string }[]).map((r) => [r.id, r.status]),
      );
      expect(statusOf.get(lost!.id)).toBe('received');
      expect(statusOf.get(failing!.id)).toBe('in_transit');
      expect(statusOf.get(onTime!.id)).toBe('in_transit');
      // A second round changes nothing: the receipt is guarded by the status.
      expect(await sweepOverdueRestocks(handle.db, queue)).toEqual({
        skipped: false,
        received: [],
      });
      await drainOutbox(handle.db);
      expect(await invariantViolations(handle.pool)).toEqual([]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

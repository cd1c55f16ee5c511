import {
  createProducerQueues,
  createSession,
  type ProducerQueues,
  requestRestock,
} from '@stockpulse/core';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TestBrowser } from '../../test-context';
import { type AdminHarness, openAdminHarness } from './admin-testing';

// Real BullMQ queues under this run's own prefix: a job that fails for good shows up in
// admin.queues.failed with its reason, and admin.queues.retry sends it back.
let harness: AdminHarness;
let redis: Redis;
let queues: ProducerQueues;
let admin: Awaited<ReturnType<TestBrowser['caller']>>;
const prefix = `${inject('redisPrefix')}-queues`;

beforeAll(async () => {
  harness = await openAdminHarness();
  redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  queues = createProducerQueues(redis, prefix);
  const browser = new TestBrowser({ db: harness.world.db, redis, redisPrefix: prefix, queues });
  browser.token = (await createSession(harness.world.db, harness.adminId)).token;
  admin = await browser.caller();
});
afterAll(async () => {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
  redis.disconnect();
  await harness.close();
});

describe('admin.queues', () => {
  it('shows a job that failed for good, with its reason, and retries it', async () => {
    const worker = new Worker(
      'orders',
      async () => {
        throw new Error('card declined');
      },
      { connection: redis.duplicate(), prefix },
    );
    try {
      await queues.orders.add(
        'process',
        { orderId: 424242 },
        { jobId: 'order-424242', attempts: 1 },
      );
      let failed: Awaited<ReturnType<typeof admin.admin.queues.failed>> = [];
      for (let i = 0; i < 100 && failed.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        failed = await admin.admin.queues.failed({ queue: 'orders' });
      }
      expect(failed).toEqual([
        expect.objectContaining({
          id: 'order-424242',
          name: 'process',
          failedReason: 'card declined',
          attemptsMade: 1,
          data: { orderId: 424242 },
        }),
      ]);
      const stats = await admin.admin.queues.stats();
      expect(stats.find((s) => s.queue === 'orders')?.counts.failed).toBe(1);
      expect(stats.map((s) => s.queue).sort()).toEqual(['orders', 'restock']);

      await worker.close();
      expect(
        await admin.admin.queues.retry({ queue: 'orders', jobId: 'order-424242' }),
      ).toMatchObject({ state: 'waiting' });
      expect(await (await queues.orders.getJob('order-424242'))?.getState()).toBe('waiting');
      await expect(
        admin.admin.queues.retry({ queue: 'orders', jobId: 'order-424242' }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        cause: { code: 'JOB_NOT_FAILED' },
      });
    } finally {
      await worker.close();
    }
  });

  it('answers an unknown job with NOT_FOUND and a bad one with BAD_REQUEST', async () => {
    await expect(
      admin.admin.queues.retry({ queue: 'restock', jobId: 'restock-999999' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      admin.admin.queues.retry({ queue: 'orders', jobId: 'order:1' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(admin.admin.queues.failed({ queue: 'emails' as never })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('admin.restocks.list', () => {
  it('lists restocks newest first, filtered by status, a page at a time', async () => {
    const products = await Promise.all(
      [1, 2, 3].map(() => harness.world.addProduct({ onHand: 1 })),
    );
    const ids: number[] = [];
    for (const productId of products) {
      ids.push(
        (
          await requestRestock(harness.world.db, {
            productId,
            quantity: 40,
            actor: `admin:${harness.adminId}`,
          })
        ).id,
      );
    }
    const first = await admin.admin.restocks.list({ status: 'in_transit', limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(first.items[0]).toMatchObject({
      productId: products[2],
      quantity: 40,
      status: 'in_transit',
      sku: expect.any(String),
    });
    const second = await admin.admin.restocks.list({
      status: 'in_transit',
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((r) => r.id)).toContain(ids[0]);
    expect((await admin.admin.restocks.list({ status: 'received' })).items).toEqual([]);
    await expect(admin.admin.restocks.list({ cursor: 'forged' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await harness.expectInvariants();
  });
});

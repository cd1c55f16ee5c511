import {
  cancelUnpaidOrder,
  createProducerQueues,
  createSession,
  type ProducerQueues,
  placeOrder,
  requestRestock,
} from '@stockpulse/core';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AdminHarness, openAdminHarness, TestBrowser } from '../../testing';

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

let keys = 0;
/** A real order, pending (its payment job is the test's to add). */
async function pendingOrder() {
  const productId = await harness.world.addProduct({ onHand: 5 });
  const { order } = await placeOrder(harness.world.db, {
    customerId: harness.customer.id,
    customerName: harness.customer.name,
    items: [{ productId, quantity: 1 }],
    idempotencyKey: `queues-${++keys}`,
  });
  await harness.drainOutbox();
  return order.id;
}

/**
 * A real pending order whose payment job failed for good (a worker that declines every
 * card, closed once the job is in `failed`).
 */
async function failedPaymentJob() {
  const worker = new Worker(
    'orders',
    async () => {
      throw new Error('card declined');
    },
    { connection: redis.duplicate(), prefix },
  );
  try {
    const orderId = await pendingOrder();
    const jobId = `order-${orderId}`;
    await queues.orders.add('process', { orderId }, { jobId, attempts: 1 });
    for (let i = 0; i < 100; i++) {
      if ((await (await queues.orders.getJob(jobId))?.getState()) === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { orderId, jobId };
  } finally {
    await worker.close();
  }
}

describe('admin.queues', () => {
  it('shows a job that failed for good, with its reason, and retries it', async () => {
    const { orderId, jobId } = await failedPaymentJob();
    const failed = await admin.admin.queues.failed({ queue: 'orders' });
    expect(failed).toEqual([
      expect.objectContaining({
        id: jobId,
        name: 'process',
        failedReason: 'card declined',
        attemptsMade: 1,
        data: { orderId },
      }),
    ]);
    const stats = await admin.admin.queues.stats();
    expect(stats.find((s) => s.queue === 'orders')?.counts.failed).toBe(1);
    expect(stats.map((s) => s.queue).sort()).toEqual(['imports', 'orders', 'payments', 'restock']);

    expect(await admin.admin.queues.retry({ queue: 'orders', jobId })).toEqual({
      queue: 'orders',
      jobId,
      retried: true,
      state: 'waiting',
      message: `Job ${jobId} is queued again`,
    });
    expect(await (await queues.orders.getJob(jobId))?.getState()).toBe('waiting');
    await expect(admin.admin.queues.retry({ queue: 'orders', jobId })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'JOB_NOT_FAILED' },
    });
    // Not left for the next test's failed list.
    await (await queues.orders.getJob(jobId))?.remove();
  });

  it('says there is nothing to retry when the order is no longer pending, and clears the job', async () => {
    const { orderId, jobId } = await failedPaymentJob();
    // What the worker does once the attempts ran out.
    expect(await cancelUnpaidOrder(harness.world.db, orderId, 'payment_failed')).toBe(true);
    const before = await harness.digest();

    expect(await admin.admin.queues.retry({ queue: 'orders', jobId })).toEqual({
      queue: 'orders',
      jobId,
      retried: false,
      state: 'removed',
      message: `Order #${orderId} is cancelled (the payment failed); nothing to retry, so job ${jobId} was cleared from the failed list`,
    });
    expect(await queues.orders.getJob(jobId)).toBeUndefined();
    expect((await admin.admin.queues.failed({ queue: 'orders' })).map((j) => j.id)).not.toContain(
      jobId,
    );
    // Nothing in the shop changed.
    expect(await harness.digest()).toBe(before);
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

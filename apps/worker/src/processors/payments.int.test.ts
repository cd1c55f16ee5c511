import { randomBytes } from 'node:crypto';
import {
  defaultPaymentProvider,
  type PaymentProvider,
  ProviderUnavailable,
  payOrder,
  placementPaymentOf,
  placeOrder,
  processOrderPayment,
  refundOrder,
  transitionOrder,
} from '@stockpulse/core';
import { drainOutbox, invariantViolations } from '@stockpulse/core/testing';
import { connect, type DatabaseHandle, rebuildRollups } from '@stockpulse/db';
import { createTestDatabase, eventually, type TestDatabase } from '@stockpulse/devstack';
import { captureJobId, DomainError, JOBS, TEST_CARDS } from '@stockpulse/shared';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RowDataPacket } from 'mysql2/promise';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { sweepUnpaidOrders } from '../sweeper';
import { shop, testEnv, unpublishedCount } from '../testing';
import { startWorker } from '../worker';

let database: TestDatabase;
let handle: DatabaseHandle;
const log = pino({ level: 'silent' });
const closers: (() => unknown)[] = [];
const provider = defaultPaymentProvider();

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

async function run(overrides: Record<string, string> = {}, payments?: PaymentProvider) {
  const env = testEnv(database.url, inject('redisUrl'), inject('redisPrefix'), overrides);
  const worker = startWorker(env, handle.db, log, payments ? { payments } : {});
  closers.push(() => worker.close());
  await worker.ready();
  const connection = new Redis(env.REDIS_URL);
  const queue = new Queue('payments', { connection, prefix: env.REDIS_PREFIX });
  closers.push(() => queue.close().finally(() => connection.disconnect()));
  return { env, payments: queue };
}

const card = (number: string) => ({ number, expMonth: 12, expYear: 2040, cvc: '123' });

async function placeWith(customerId: number, productId: number, number: string, quantity = 1) {
  const { token } = await provider.tokenize(card(number));
  const { order } = await placeOrder(handle.db, {
    customerId,
    customerName: 'Ada',
    items: [{ productId, quantity }],
    idempotencyKey: randomBytes(8).toString('hex'),
    shippingAddress: {
      name: 'Ada',
      line1: '1 Main St',
      city: 'Paris',
      postalCode: '75001',
      country: 'FR',
    },
    payment: await placementPaymentOf(provider, token),
  });
  return order.id;
}

async function orderRow(orderId: number) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    'SELECT status, payment_status FROM orders WHERE id = ?',
    [orderId],
  );
  return rows[0] as { status: string; payment_status: string };
}

async function paymentsOf(orderId: number) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    `SELECT id, status, amount_cents, captured_cents, refunded_cents, provider_ref, decline_code,
            brand, last4, method_token
     FROM payments WHERE order_id = ? ORDER BY id`,
    [orderId],
  );
  return rows;
}

async function refundsOf(orderId: number) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    'SELECT id, status, amount_cents, attempts, last_error, provider_ref FROM refunds WHERE order_id = ? ORDER BY id',
    [orderId],
  );
  return rows;
}

async function reservedOf(productId: number) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    'SELECT reserved FROM inventory WHERE product_id = ?',
    [productId],
  );
  return Number(rows[0]?.reserved);
}

async function activities(orderId: number) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    `SELECT JSON_VALUE(payload, '$.kind') AS kind, JSON_VALUE(payload, '$.summary') AS summary
     FROM outbox WHERE topic = 'order:activity' AND JSON_VALUE(payload, '$.orderId') = ? ORDER BY id`,
    [String(orderId)],
  );
  return rows.map((row) => `${row.kind}: ${row.summary}`);
}

async function rolledUp() {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    "SELECT CAST(COALESCE(SUM(refunded_cents), 0) AS SIGNED) AS cents FROM refund_rollup WHERE grain = 'day'",
  );
  return Number(rows[0]?.cents);
}

const until = <T>(what: string, check: () => Promise<T | undefined | false>, ms = 15_000) =>
  eventually(what, async () => (await check()) || undefined, ms);

async function settled() {
  await until('the outbox drained', async () => (await unpublishedCount(handle)) === 0);
  expect(await invariantViolations(handle.pool)).toEqual([]);
}

describe('payments through the orders job', () => {
  it('authorizes 4242: the order paid, the attempt authorized, an activity', async () => {
    await run();
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const id = await placeWith(customerId, productIds[0]!, TEST_CARDS.success);
    await until('paid', async () => (await orderRow(id)).status === 'paid');
    expect(await orderRow(id)).toEqual({ status: 'paid', payment_status: 'authorized' });
    const [payment] = await paymentsOf(id);
    expect(payment).toMatchObject({ status: 'authorized', brand: 'visa', last4: '4242' });
    expect(payment!.provider_ref).toMatch(/^sim_auth_/);
    expect(payment!.method_token).not.toContain(TEST_CARDS.success);
    expect(await activities(id)).toContain('payment: Payment authorized');
    await settled();
  });

  it('declines 0002 (the order stays pending, stock reserved), then orders.pay with 4242 pays it', async () => {
    await run();
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const productId = productIds[0]!;
    const id = await placeWith(customerId, productId, TEST_CARDS.declined);
    await until('declined', async () => (await orderRow(id)).payment_status === 'failed');
    expect(await orderRow(id)).toEqual({ status: 'pending', payment_status: 'failed' });
    expect(await paymentsOf(id)).toMatchObject([
      { status: 'declined', decline_code: 'card_declined', provider_ref: null },
    ]);
    expect(await reservedOf(productId)).toBe(1);
    expect(await activities(id)).toContain('payment: Payment declined: Your card was declined.');

    // Another customer's order is NOT_FOUND; a bad token INVALID_PAYMENT_METHOD.
    const { token } = await provider.tokenize(card(TEST_CARDS.success));
    await expect(
      payOrder(handle.db, provider, {
        orderId: id,
        customerId: customerId + 999,
        paymentMethod: token,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      payOrder(handle.db, provider, { orderId: id, customerId, paymentMethod: 'tok_sim_forged.x' }),
    ).rejects.toMatchObject({ code: 'INVALID_PAYMENT_METHOD' });

    const paid = await payOrder(handle.db, provider, {
      orderId: id,
      customerId,
      paymentMethod: token,
    });
    expect(paid.paymentStatus).toBe('awaiting_payment');
    // While that attempt is pending, paying again is not due.
    const again = await payOrder(handle.db, provider, {
      orderId: id,
      customerId,
      paymentMethod: token,
    }).catch((e: unknown) => e);
    if (!(again instanceof DomainError)) {
      // The job may already have paid it: then it is not due either way.
      expect((await orderRow(id)).status).toBe('paid');
    } else expect(again.code).toBe('PAYMENT_NOT_DUE');
    await until('paid', async () => (await orderRow(id)).status === 'paid');
    expect(await orderRow(id)).toEqual({ status: 'paid', payment_status: 'authorized' });
    expect((await paymentsOf(id)).map((p) => p.status)).toEqual(['declined', 'authorized']);
    expect(await reservedOf(productId)).toBe(1);
    await expect(
      payOrder(handle.db, provider, { orderId: id, customerId, paymentMethod: token }),
    ).rejects.toMatchObject({ code: 'PAYMENT_NOT_DUE' });
    await settled();
  });

  it('leaves a declined order to expire on time, never charging it again', async () => {
    const { env } = await run();
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const productId = productIds[0]!;
    const id = await placeWith(customerId, productId, TEST_CARDS.insufficientFunds);
    await until('declined', async () => (await orderRow(id)).payment_status === 'failed');
    await until('the outbox drained', async () => (await unpublishedCount(handle)) === 0);
    await handle.pool.query(
      'UPDATE orders SET created_at = UTC_TIMESTAMP(3) - INTERVAL 2 MINUTE WHERE id = ?',
      [id],
    );
    // The rollups counted it at its real placement hour: rebuilt from the edited table, as
    // after any hand edit (else two minutes back may be the hour before).
    await rebuildRollups(handle.pool);
    const connection = new Redis(env.REDIS_URL);
    const orders = new Queue('orders', { connection, prefix: env.REDIS_PREFIX });
    closers.push(() => orders.close().finally(() => connection.disconnect()));
    const young = await sweepUnpaidOrders(handle.db, orders, env);
    expect(young.requeued).not.toContain(id);
    expect(young.cancelled.map((c) => c.orderId)).not.toContain(id);
    const expiring = await sweepUnpaidOrders(handle.db, orders, {
      ...env,
      ORDER_EXPIRY_MS: 60_000,
    });
    expect(expiring.cancelled).toContainEqual({ orderId: id, reason: 'expired' });
    expect(await orderRow(id)).toEqual({ status: 'cancelled', payment_status: 'failed' });
    expect(await paymentsOf(id)).toMatchObject([
      { status: 'declined', decline_code: 'insufficient_funds' },
    ]);
    expect(await reservedOf(productId)).toBe(0);
    await settled();
  });

  it('captures at once with PAYMENT_CAPTURE=immediate', async () => {
    await run({ PAYMENT_CAPTURE: 'immediate' });
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const id = await placeWith(customerId, productIds[0]!, TEST_CARDS.success, 2);
    await until('captured', async () => (await orderRow(id)).payment_status === 'paid');
    expect(await orderRow(id)).toEqual({ status: 'paid', payment_status: 'paid' });
    expect(await paymentsOf(id)).toMatchObject([
      { status: 'captured', amount_cents: 500, captured_cents: 500 },
    ]);
    await settled();
  });

  it('voids: a pending attempt on cancellation at once, an authorized one through the void job', async () => {
    await run();
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const id = await placeWith(customerId, productIds[0]!, TEST_CARDS.success);
    await until('paid', async () => (await orderRow(id)).status === 'paid');
    await transitionOrder(handle.db, {
      orderId: id,
      to: 'cancelled',
      actor: 'admin:1',
      reason: 'x',
    });
    await until('voided', async () => (await orderRow(id)).payment_status === 'voided');
    expect(await paymentsOf(id)).toMatchObject([{ status: 'voided' }]);
    await settled();
  });
});

describe('a cancellation racing the authorization', () => {
  it('voids the pending attempt at once, and the hold the provider made meanwhile at the provider', async () => {
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const id = await placeWith(customerId, productIds[0]!, TEST_CARDS.success);
    let release: () => void = () => {};
    const authorizing = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const voided: string[] = [];
    const slow: PaymentProvider = {
      ...provider,
      authorize: async (request) => {
        entered();
        await authorizing;
        return provider.authorize(request);
      },
      void: async (request) => {
        voided.push(request.idempotencyKey);
        return provider.void(request);
      },
    };
    const paying = processOrderPayment(handle.db, { orderId: id }, { provider: slow });
    await inside;
    await transitionOrder(handle.db, {
      orderId: id,
      to: 'cancelled',
      actor: 'admin:1',
      reason: 'x',
    });
    expect(await paymentsOf(id)).toMatchObject([{ status: 'voided' }]);
    release();
    expect(await paying).toEqual({ outcome: 'skipped', status: 'cancelled' });
    const paymentId = Number((await paymentsOf(id))[0]!.id);
    expect(voided).toEqual([`void-${paymentId}`]);
    expect(await orderRow(id)).toEqual({ status: 'cancelled', payment_status: 'voided' });
    // Run again (a redelivery): nothing is authorized.
    expect(await processOrderPayment(handle.db, { orderId: id }, { provider: slow })).toEqual({
      outcome: 'skipped',
      status: 'cancelled',
    });
    await drainOutbox(handle.db);
    expect(await invariantViolations(handle.pool)).toEqual([]);
  });
});

describe('the payments queue', () => {
  it('captures once, refunds racing refunds never past captured, each counted once', async () => {
    const { payments } = await run();
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const id = await placeWith(customerId, productIds[0]!, TEST_CARDS.success, 4); // 1000 cents
    await until('paid', async () => (await orderRow(id)).status === 'paid');
    const paymentId = Number((await paymentsOf(id))[0]!.id);
    // Delivered twice: captured once.
    await Promise.all([
      payments.add(JOBS.payments.capture, { paymentId }, { jobId: captureJobId(paymentId) }),
      payments.add(
        JOBS.payments.capture,
        { paymentId },
        { jobId: `${captureJobId(paymentId)}-again` },
      ),
    ]);
    await until('captured', async () => (await orderRow(id)).payment_status === 'paid');
    expect(await paymentsOf(id)).toMatchObject([{ status: 'captured', captured_cents: 1000 }]);

    // 12 staff refunds of 300 at once: at most 3 (900 ≤ 1000) are accepted.
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        refundOrder(handle.db, {
          orderId: id,
          amountCents: 300,
          reason: `goodwill ${i}`,
          actor: 'admin:1',
        }),
      ),
    );
    const accepted = results.filter((r) => r.status === 'fulfilled').length;
    expect(accepted).toBe(3);
    for (const r of results) {
      if (r.status === 'rejected')
        expect(r.reason).toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED' });
    }
    await until('refunds done', async () =>
      (await refundsOf(id)).every((r) => r.status === 'succeeded'),
    );
    expect(await paymentsOf(id)).toMatchObject([{ captured_cents: 1000, refunded_cents: 900 }]);
    expect(await orderRow(id)).toMatchObject({ payment_status: 'partially_refunded' });
    await expect(
      refundOrder(handle.db, { orderId: id, amountCents: 101, reason: 'more', actor: 'admin:1' }),
    ).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_CAPTURED' });
    await refundOrder(handle.db, {
      orderId: id,
      amountCents: 100,
      reason: 'rest',
      actor: 'admin:1',
    });
    await until('refunded', async () => (await orderRow(id)).payment_status === 'refunded');
    expect(await paymentsOf(id)).toMatchObject([{ refunded_cents: 1000 }]);
    await settled();
  });

  it('retries a refund while the provider is down and records it exactly once when it recovers', async () => {
    let failures = 2;
    const flaky: PaymentProvider = {
      ...provider,
      refund: async (request) => {
        if (failures > 0) {
          failures -= 1;
          throw new ProviderUnavailable('provider down');
        }
        return provider.refund(request);
      },
    };
    await run({ PAYMENT_CAPTURE: 'immediate' }, flaky);
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 10 });
    const id = await placeWith(customerId, productIds[0]!, TEST_CARDS.success, 2); // 500
    await until('captured', async () => (await orderRow(id)).payment_status === 'paid');
    const before = await rolledUp();
    // A cancellation of a captured order refunds what is left.
    await transitionOrder(handle.db, {
      orderId: id,
      to: 'cancelled',
      actor: 'admin:1',
      reason: 'x',
    });
    await until('refunded', async () => (await orderRow(id)).payment_status === 'refunded', 20_000);
    expect(await refundsOf(id)).toMatchObject([
      { status: 'succeeded', amount_cents: 500, attempts: 2, last_error: 'provider down' },
    ]);
    expect(await paymentsOf(id)).toMatchObject([{ captured_cents: 500, refunded_cents: 500 }]);
    // Net sales: the cancelled order left gross whole, so its refund is not subtracted again.
    expect((await rolledUp()) - before).toBe(0);
    await settled();
  }, 30_000);
});

import { randomBytes } from 'node:crypto';
import { schema } from '@stockpulse/db';
import { createTestDatabase, eventually, type TestDatabase } from '@stockpulse/devstack';
import { DomainError } from '@stockpulse/shared';
import { isNull } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { inTransaction } from '../db/transaction';
import { batchedPaymentSteps } from '../orders/payment-batches';
import { placeOrder } from '../orders/placement';
import { openWorld, type World } from '../testing/world';
import type { OutboxMessage } from './messages';
import { outboxWakeChannel, wakeRelaysOnCommit } from './notify';
import { createProducerQueues, createRedisPublisher } from './publisher';
import { createOutboxRelay } from './relay';
import { writeOutbox } from './write';

// The relays are woken by the commits that wrote outbox rows, and only by those: by the
// transaction helper for every writer of `writeOutbox`, by the placement after its CALL.

let database: TestDatabase;
let world: World;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url);
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

const freshPrefix = () => `${inject('redisPrefix')}-wake-${randomBytes(3).toString('hex')}`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

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

/** This world's commits wake through a connection of the test's; counts what is heard. */
async function listening() {
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
  const stop = wakeRelaysOnCommit(world.db, redis, prefix);
  closers.push(stop);
  return { redis, prefix, heard: () => heard, stop };
}

describe('waking the outbox relays after a commit', () => {
  it('wakes after a commit that wrote outbox rows, never after a rollback or a commit without', async () => {
    const wake = await listening();
    await inTransaction(world.db, (tx) => writeOutbox(tx, [event(1), event(2)]));
    await eventually('the wake-up', () => (wake.heard() === 1 ? true : undefined));

    await inTransaction(world.db, async (tx) => {
      await tx.select().from(schema.outbox).limit(1);
    });
    await inTransaction(world.db, (tx) => writeOutbox(tx, []));
    await expect(
      inTransaction(world.db, async (tx) => {
        await writeOutbox(tx, [event(3)]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await settle();
    expect(wake.heard()).toBe(1);

    wake.stop();
    await inTransaction(world.db, (tx) => writeOutbox(tx, [event(4)]));
    await settle();
    expect(wake.heard()).toBe(1);
  });

  it('wakes after a placement, not after a refused one or a replay', async () => {
    const wake = await listening();
    const productId = await world.addProduct({ onHand: 1 });
    const customer = await world.addCustomer();
    const input = {
      customerId: customer.id,
      customerName: customer.name,
      items: [{ productId, quantity: 1 }],
      idempotencyKey: `wake-${randomBytes(4).toString('hex')}`,
    };
    await placeOrder(world.db, input);
    await eventually('the wake-up', () => (wake.heard() === 1 ? true : undefined));

    expect((await placeOrder(world.db, input)).replayed).toBe(true);
    const refused = await placeOrder(world.db, { ...input, idempotencyKey: 'wake-other' }).catch(
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(DomainError);
    await settle();
    expect(wake.heard()).toBe(1);
  });

  it('wakes after a batch of payments', async () => {
    const productId = await world.addProduct({ onHand: 5 });
    const customer = await world.addCustomer();
    const placed = await Promise.all(
      [1, 2, 3].map((n) =>
        placeOrder(world.db, {
          customerId: customer.id,
          customerName: customer.name,
          items: [{ productId, quantity: 1 }],
          idempotencyKey: `wake-pay-${n}-${randomBytes(4).toString('hex')}`,
        }),
      ),
    );
    const wake = await listening();
    const steps = batchedPaymentSteps(world.db, { windowMs: 20, maxBatch: 10 });
    const outcomes = await Promise.all(placed.map(({ order }) => steps.markPaid(order.id)));
    expect(outcomes).toEqual([{ outcome: 'paid' }, { outcome: 'paid' }, { outcome: 'paid' }]);
    await eventually('the wake-up', () => (wake.heard() >= 1 ? true : undefined));
  });

  it('has a relay publish a commit long before its poll would, with no wake-up sent by hand', async () => {
    const wake = await listening();
    const queues = createProducerQueues(wake.redis, wake.prefix);
    closers.push(() => Promise.all([queues.orders.close(), queues.restock.close()]));
    const relay = createOutboxRelay(
      world.db,
      createRedisPublisher(wake.redis, queues, wake.prefix),
      { pollMs: 60_000 },
    );
    const sub = new Redis(inject('redisUrl'));
    closers.push(() => sub.disconnect());
    sub.on('message', () => relay.wake());
    await sub.subscribe(outboxWakeChannel(wake.prefix));
    const unpublished = async () =>
      (await world.db.select().from(schema.outbox).where(isNull(schema.outbox.publishedAt))).length;
    relay.start();
    closers.push(() => relay.stop());
    await eventually('the first pass', async () =>
      (await unpublished()) === 0 ? true : undefined,
    );

    await inTransaction(world.db, (tx) => writeOutbox(tx, [event(5)]));
    const committed = Date.now();
    await eventually('the row published', async () =>
      (await unpublished()) === 0 ? true : undefined,
    );
    expect(Date.now() - committed).toBeLessThan(1_000);
  });
});

import { randomBytes } from 'node:crypto';
import { rebuildRollups, schema } from '@stockpulse/db';
import { createTestDatabase, eventually, type TestDatabase } from '@stockpulse/devstack';
import { DomainError, type OrderStatus } from '@stockpulse/shared';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { placeOrder } from '../orders/placement';
import { transitionOrder } from '../orders/transition';
import { createProducerQueues, createRedisPublisher } from '../outbox/publisher';
import { createOutboxRelay, hasUnpublished } from '../outbox/relay';
import { openWorld, type World } from '../testing/world';
import { checkRollups } from './check';
import { orderCounts } from './counts';
import { salesSummary } from './sales';

// The rollups are folded in by the outbox relay, off the order path. This proves they
// stay exact: a concurrent workload places, pays, cancels, ships and delivers while two
// relay passes at a time fold small batches (so an order's events often land in
// different passes, out of order); once the outbox is drained, the folded rollups equal a
// rebuild from `orders`, row for row and to the cent.

let database: TestDatabase;
let world: World;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url, { connectionLimit: 24 });
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await world.close();
  await database.drop();
});

function startRelay() {
  const redis = new Redis(inject('redisUrl'), {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  redis.on('error', () => {});
  const prefix = `${inject('redisPrefix')}-rollups-${randomBytes(3).toString('hex')}`;
  const queues = createProducerQueues(redis, prefix);
  const relay = createOutboxRelay(world.db, createRedisPublisher(redis, queues, prefix), {
    batchSize: 7,
    concurrency: 2,
    pollMs: 50,
  });
  relay.start();
  closers.push(async () => {
    await relay.stop();
    await Promise.all([queues.orders.close(), queues.restock.close()]);
    redis.disconnect();
  });
  return relay;
}

/** Every rollup row, sorted, without the rows a fold left at zero (a rebuild has none). */
async function rollupRows() {
  const { db } = world;
  const sales = await db.select().from(schema.salesRollup);
  const products = await db.select().from(schema.productSalesRollup);
  const counts = await db.select().from(schema.orderStatusCounts);
  const key = (row: object) => JSON.stringify(row);
  return {
    sales: sales
      .filter((r) => r.orders !== 0 || r.revenueCents !== 0 || r.units !== 0)
      .map(key)
      .sort(),
    products: products
      .filter((r) => r.units !== 0 || r.revenueCents !== 0)
      .map(key)
      .sort(),
    counts: counts
      .filter((r) => r.orders !== 0)
      .map(key)
      .sort(),
  };
}

describe('sales rollups folded by the relay', () => {
  it('equal a rebuild from orders after a concurrent place / pay / cancel / ship / deliver workload', async () => {
    const products = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        world.addProduct({ onHand: 400, priceCents: 199 + i * 37 }),
      ),
    );
    const customers = await Promise.all(Array.from({ length: 12 }, () => world.addCustomer()));
    startRelay();

    const placed: number[] = [];
    const byStatus = new Map<OrderStatus, number[]>();
    const moved = (to: OrderStatus, id: number) => {
      const list = byStatus.get(to) ?? [];
      list.push(id);
      byStatus.set(to, list);
    };
    const pick = (from: OrderStatus[]) => {
      const pool = from.flatMap((s) => (s === 'pending' ? placed : (byStatus.get(s) ?? [])));
      return pool[Math.floor(Math.random() * pool.length)];
    };
    const done = new Map<string, number>();
    const actor = async (n: number) => {
      for (let i = 0; i < 60; i++) {
        const roll = Math.random();
        try {
          if (roll < 0.4 || placed.length < 5) {
            const customer = customers[(n + i) % customers.length]!;
            const a = products[Math.floor(Math.random() * products.length)]!;
            const b = products[Math.floor(Math.random() * products.length)]!;
            const items =
              a === b
                ? [{ productId: a, quantity: 2 }]
                : [a, b]
                    .sort((x, y) => x - y)
                    .map((productId) => ({ productId, quantity: 1 + (i % 3) }));
            const { order } = await placeOrder(world.db, {
              customerId: customer.id,
              customerName: customer.name,
              items,
              idempotencyKey: `rollups-${n}-${i}`,
            });
            placed.push(order.id);
            done.set('place', (done.get('place') ?? 0) + 1);
            continue;
          }
          const [to, from] =
            roll < 0.65
              ? (['paid', ['pending']] as const)
              : roll < 0.8
                ? (['cancelled', ['pending', 'paid']] as const)
                : roll < 0.92
                  ? (['shipped', ['paid']] as const)
                  : (['delivered', ['shipped']] as const);
          const orderId = pick([...from]);
          if (orderId === undefined) continue;
          const result = await transitionOrder(world.db, { orderId, to, actor: 'test' });
          if (result.changed) {
            moved(to, orderId);
            done.set(to, (done.get(to) ?? 0) + 1);
          }
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
      }
    };
    // The check, run again and again while the workload runs, must never raise a false alarm:
    // it reads one snapshot and adds the events not folded yet.
    let running = true;
    const alarms: unknown[] = [];
    let checks = 0;
    const checker = (async () => {
      while (running) {
        const connection = await world.pool.getConnection();
        try {
          for (const mode of ['recent', 'full'] as const) {
            alarms.push(...(await checkRollups(connection, { mode })));
            checks++;
          }
        } finally {
          connection.release();
        }
      }
    })();
    await Promise.all(Array.from({ length: 12 }, (_, n) => actor(n)));
    running = false;
    await checker;
    expect(checks).toBeGreaterThan(4);
    expect(alarms).toEqual([]);
    for (const kind of ['place', 'paid', 'cancelled', 'shipped', 'delivered']) {
      expect(done.get(kind) ?? 0, kind).toBeGreaterThan(5);
    }

    await eventually('the relay to publish every outbox row', async () =>
      (await hasUnpublished(world.db)) ? undefined : true,
    );
    const folded = await rollupRows();
    expect(folded.products.length).toBeGreaterThan(0);
    await rebuildRollups(world.pool);
    const rebuilt = await rollupRows();
    expect(folded.counts).toEqual(rebuilt.counts);
    expect(folded.sales).toEqual(rebuilt.sales);
    expect(folded.products).toEqual(rebuilt.products);

    // And what the console reads from them agrees with the orders themselves.
    const counts = await orderCounts(world.db);
    expect(counts.all).toBe(placed.length);
    const [{ paid }] = (
      await world.pool.query(
        "SELECT CAST(COALESCE(SUM(total_cents), 0) AS SIGNED) AS paid FROM orders WHERE status IN ('paid', 'shipped', 'delivered')",
      )
    )[0] as [{ paid: number }];
    const summary = await salesSummary(world.db, {
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 3_600_000),
      bucket: 'hour',
    });
    expect(summary.totals.revenueCents).toBe(Number(paid));
  });
});

import type { AppRouter } from '@stockpulse/api';
import { createSession, SESSION_COOKIE } from '@stockpulse/core';
import { openWorld, type World } from '@stockpulse/core/testing';
import { schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningServer, startTestServer } from './testing';

// The brief's overselling test, end to end: HTTP, tRPC, sessions, the real pool.
let database: TestDatabase;
let world: World;
let redis: Redis;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url, { connectionLimit: 10 });
  redis = new Redis(inject('redisUrl'), { lazyConnect: true, maxRetriesPerRequest: 1 });
  server = await startTestServer({ db: world.db, redis, redisPrefix: `${inject('redisPrefix')}:` });
});
afterAll(async () => {
  await server?.close();
  redis?.disconnect();
  await world?.close();
  await database?.drop();
});

function clientFor(token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server.url}/trpc`,
        transformer: superjson,
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      }),
    ],
  });
}

describe('orders.place under contention, over HTTP', () => {
  it('sells exactly 50 of 50 units to 1,000 concurrent buyers; everyone else is told OUT_OF_STOCK', async () => {
    const product = await world.addProduct({ onHand: 50, priceCents: 1_999 });
    const buyers = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const customer = await world.addCustomer();
        const { token } = await createSession(world.db, customer.id);
        return clientFor(token);
      }),
    );

    const outcomes = await Promise.allSettled(
      Array.from({ length: 1_000 }, (_, i) =>
        buyers[i % buyers.length]!.orders.place.mutate({
          items: [{ productId: product, quantity: 1 }],
          idempotencyKey: `rush-${i}-${product}`,
        }),
      ),
    );

    const placed = outcomes.filter((o) => o.status === 'fulfilled');
    const errors = outcomes
      .filter((o): o is PromiseRejectedResult => o.status === 'rejected')
      .map((o) => o.reason as TRPCClientError<AppRouter>);
    expect(placed).toHaveLength(50);
    expect(errors).toHaveLength(950);
    for (const error of errors) {
      expect(error).toBeInstanceOf(TRPCClientError);
      expect(error.data).toMatchObject({
        code: 'CONFLICT',
        httpStatus: 409,
        cause: 'OUT_OF_STOCK',
      });
    }
    const [stock] = await world.db
      .select()
      .from(schema.inventory)
      .where(eq(schema.inventory.productId, product));
    expect([stock!.onHand, stock!.reserved]).toEqual([50, 50]);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

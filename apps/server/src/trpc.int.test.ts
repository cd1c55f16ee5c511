import { randomBytes } from 'node:crypto';
import type { AppRouter } from '@stockpulse/api';
import { testCategory } from '@stockpulse/core/testing';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { products } from '@stockpulse/db/schema';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { Redis } from 'ioredis';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '@stockpulse/devstack';
import { type RunningServer, startTestServer } from './testing';

// The browsers' path: the tRPC client with httpBatchLink and superjson, over real HTTP.
describe('tRPC at /trpc', () => {
  const category = `Http ${randomBytes(3).toString('hex')}`;
  let database: DatabaseHandle;
  let redis: Redis;
  let server: RunningServer;

  beforeAll(async () => {
    database = connect(inject('databaseUrl'));
    redis = new Redis(inject('redisUrl'), { lazyConnect: true });
    const categoryId = await testCategory(database.db, category);
    await database.db.insert(products).values(
      ['A', 'B', 'C'].map((letter) => ({
        sku: `${category.replace(' ', '-')}-${letter}`,
        name: `Thing ${letter}`,
        description: '',
        category,
        categoryId,
        priceCents: 100,
      })),
    );
    server = await startTestServer({ db: database.db, redis });
  });
  afterAll(async () => {
    await server.close();
    redis.disconnect();
    await database.close();
  });

  it('answers catalog.categories, batched with another call', async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc`, transformer: superjson })],
    });
    const [first, second] = await Promise.all([
      client.catalog.categories.query(),
      client.catalog.categories.query(),
    ]);
    // The run's database is shared with other test files, so compare only our category.
    expect(first).toContainEqual(expect.objectContaining({ category, productCount: 3 }));
    expect(second).toContainEqual(expect.objectContaining({ category, productCount: 3 }));
  });
});

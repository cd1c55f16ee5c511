import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorld, type World } from '../testing/world';
import { topProducts } from './top-products';

let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url);
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2026, 4, 5 + n));

async function rollupRow(productId: number, at: Date, revenueCents: number) {
  await world.pool.query(
    `INSERT INTO product_sales_rollup (grain, bucket_start, product_id, units, revenue_cents)
     VALUES ('day', ?, ?, 1, ?)`,
    [at, productId, revenueCents],
  );
}

describe('topProducts', () => {
  it("finds a product that sells steadily but never makes a single day's list", async () => {
    // 20 days; each day 13 products of its own sell 100 once, and one steady product sells
    // 60 every day. No day lists the steady product among its best 12, yet over the 20
    // days it leads by far (1,200 against 100): the first round cannot settle, a deeper
    // one must find it.
    const steady = await world.addProduct({ name: 'Steady' });
    const stars: number[] = [];
    for (let d = 0; d < 20; d++) {
      await rollupRow(steady, day(d), 60);
      for (let s = 0; s < 13; s++) {
        const star = await world.addProduct({ name: `Star ${d}.${s}` });
        stars.push(star);
        await rollupRow(star, day(d), 100);
      }
    }
    const top = await topProducts(world.db, day(0), day(20), 1);
    expect(top).toEqual([
      {
        productId: steady,
        sku: expect.any(String),
        name: 'Steady',
        units: 20,
        revenueCents: 1_200,
      },
    ]);
    // Ties at 100 are broken by the lower id, over the whole range.
    const three = await topProducts(world.db, day(0), day(20), 3);
    expect(three.map((p) => p.productId)).toEqual([steady, stars[0], stars[1]]);
    // Half the range: only those days count.
    const half = await topProducts(world.db, day(10), new Date(day(10).getTime() + 10 * DAY), 1);
    expect(half[0]).toMatchObject({ productId: steady, revenueCents: 600 });
  });
});

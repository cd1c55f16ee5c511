import { randomBytes } from 'node:crypto';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { products } from '@stockpulse/db/schema';
import type { inferProcedureOutput } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '@stockpulse/devstack';
import { type AppRouter, createCaller } from '../root';
import { createContext, type Log } from '../trpc';

type Categories = inferProcedureOutput<AppRouter['catalog']['categories']>;

const silent: Log = { info() {}, warn() {}, error() {} };

describe('catalog.categories', () => {
  let handle: DatabaseHandle;
  // Other test files share this run's database: this file's categories are its own.
  const tag = randomBytes(3).toString('hex');
  const kitchen = `Kitchen ${tag}`;
  const garden = `Garden ${tag}`;
  const archived = `Archived ${tag}`;

  beforeAll(async () => {
    handle = connect(inject('databaseUrl'));
    const product = (sku: string, category: string, active = true) => ({
      sku: `${sku}-${tag}`,
      name: `Product ${sku}`,
      description: '',
      category,
      priceCents: 1999,
      active,
    });
    await handle.db
      .insert(products)
      .values([
        product('K1', kitchen),
        product('K2', kitchen),
        product('K3', kitchen, false),
        product('G1', garden),
        product('A1', archived, false),
      ]);
  });
  afterAll(() => handle.close());

  async function categories(): Promise<Categories> {
    const ctx = await createContext({ db: handle.db, requestId: 'test', log: silent });
    return createCaller(ctx).catalog.categories();
  }

  it('lists the categories of active products by name, counting active products only', async () => {
    const mine = (await categories()).filter((c) => c.category.endsWith(tag));
    expect(mine).toEqual([
      { category: garden, productCount: 1 },
      { category: kitchen, productCount: 2 },
    ]);
  });

  it('leaves out a category whose products are all archived', async () => {
    const names = (await categories()).map((c) => c.category);
    expect(names).not.toContain(archived);
  });
});

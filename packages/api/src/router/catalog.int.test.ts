import { randomBytes } from 'node:crypto';
import { writeProductWords } from '@stockpulse/core';
import { testCategory } from '@stockpulse/core/testing';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { inventory, products, variants } from '@stockpulse/db/schema';
import { type inferProcedureOutput, TRPCError } from '@trpc/server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '@stockpulse/devstack';
import type { AppRouter } from '../root';
import { TestBrowser } from '../testing';

type Categories = inferProcedureOutput<AppRouter['catalog']['categories']>;
type ListItem = inferProcedureOutput<AppRouter['catalog']['list']>['items'][number];

// Other test files share this run's database: this file's categories (and words) are its own.
const tag = randomBytes(3).toString('hex');
const kitchen = `Kitchen ${tag}`;
const garden = `Garden ${tag}`;
const archived = `Archived ${tag}`;
const bulk = `Bulk ${tag}`;

let handle: DatabaseHandle;
let redis: Redis;
let browser: TestBrowser;
const ids: Record<string, number> = {};

interface Fixture {
  key: string;
  name: string;
  category: string;
  description?: string;
  stock?: number;
  active?: boolean;
}

async function insert(fixtures: Fixture[]) {
  const categoryIds = new Map<string, number>();
  for (const f of fixtures) {
    if (!categoryIds.has(f.category)) {
      categoryIds.set(f.category, await testCategory(handle.db, f.category));
    }
  }
  const rows = await handle.db
    .insert(products)
    .values(
      fixtures.map((f, i) => ({
        sku: `${f.key}-${tag}-${i}`,
        name: f.name,
        description: f.description ?? '',
        category: f.category,
        categoryId: categoryIds.get(f.category)!,
        priceCents: 1000 + i,
        active: f.active ?? true,
      })),
    )
    .$returningId();
  for (const [i, f] of fixtures.entries()) {
    // Each a simple product: one default variant, stocked (or not) at the main warehouse.
    const [variant] = await handle.db
      .insert(variants)
      .values({
        productId: rows[i]!.id,
        sku: `${f.key}-${tag}-${i}`,
        options: '{}',
        priceCents: 1000 + i,
      })
      .$returningId();
    if (f.stock !== undefined) {
      await handle.db
        .insert(inventory)
        .values({ variantId: variant!.id, locationId: 1, productId: rows[i]!.id, onHand: f.stock });
    }
  }
  for (const [i, f] of fixtures.entries()) {
    ids[f.key] = rows[i]!.id;
    // What admin.products.create does in its transaction: the search index.
    await writeProductWords(handle.db, {
      id: rows[i]!.id,
      name: f.name,
      sku: `${f.key}-${tag}-${i}`,
      description: f.description ?? '',
    });
  }
}

beforeAll(async () => {
  handle = connect(inject('databaseUrl'));
  redis = new Redis(inject('redisUrl'), { lazyConnect: true });
  browser = new TestBrowser({ db: handle.db, redis, redisPrefix: `${inject('redisPrefix')}:` });
  await insert([
    {
      key: 'copper',
      name: 'Copper Kettle',
      category: kitchen,
      description: `Boils water fast zq${tag}`,
      stock: 5,
    },
    {
      key: 'electric',
      name: 'Electric kettle',
      category: kitchen,
      description: 'A kettle with a switch',
      stock: 0,
    },
    { key: 'tv', name: 'TV stand', category: kitchen, description: 'Holds the screen', stock: 3 },
    { key: 'cups', name: 'Tea cups', category: kitchen, description: 'Set of four' },
    { key: 'oldKettle', name: 'Archived kettle', category: kitchen, stock: 9, active: false },
    {
      key: 'hose',
      name: 'Garden hose',
      category: garden,
      description: `Waters the kettle garden zq${tag}`,
      stock: 1,
    },
    { key: 'gone', name: 'Gone', category: archived, active: false },
  ]);
  // 25 products, some sharing a name, to page through.
  await insert(
    Array.from({ length: 25 }, (_, i) => ({
      key: `bulk${i}`,
      name: `Item ${String.fromCharCode(65 + (i % 9))}`,
      category: bulk,
      stock: i % 3,
    })),
  );
});
afterAll(async () => {
  redis.disconnect();
  await handle.close();
});

const catalog = async () => (await browser.caller()).catalog;
const names = (items: ListItem[]) => items.map((item) => item.name);

async function expectBadRequest(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe('BAD_REQUEST');
}

describe('catalog.categories', () => {
  it('lists the categories of active products by name, counting active products only', async () => {
    const mine = (await (await catalog()).categories()).filter((c) => c.category.endsWith(tag));
    expect(mine.map(({ category, productCount }) => ({ category, productCount }))).toEqual([
      { category: bulk, productCount: 25 },
      { category: garden, productCount: 1 },
      { category: kitchen, productCount: 4 },
    ]);
    // Each also names its record: id, slug, parent, depth and its label.
    expect(mine[0]).toMatchObject<Partial<Categories[number]>>({
      parentId: null,
      depth: 0,
      label: bulk,
    });
    expect(mine[0]!.slug).toMatch(/^bulk-/);
  });

  it('leaves out a category whose products are all archived', async () => {
    const all = (await (await catalog()).categories()).map((c) => c.category);
    expect(all).not.toContain(archived);
  });
});

describe('catalog.list', () => {
  it('lists the active products of a category by name, each with price, image and live stock', async () => {
    const { items, nextCursor } = await (await catalog()).list({ category: kitchen });
    expect(names(items)).toEqual(['Copper Kettle', 'Electric kettle', 'Tea cups', 'TV stand']);
    expect(nextCursor).toBeNull();
    expect(items[0]).toEqual({
      id: ids.copper,
      sku: `copper-${tag}-0`,
      name: 'Copper Kettle',
      category: kitchen,
      categoryId: await testCategory(handle.db, kitchen),
      priceCents: 1000,
      imageUrl: `/media/products/copper-${tag}-0.svg`,
      // No uploaded photo: the generated picture, and no srcset.
      image: null,
      available: 5,
      // A simple product: one variant, which a card adds.
      variantCount: 1,
      firstVariantId: expect.any(Number),
    });
    // No inventory row: nothing to sell.
    expect(items.find((i) => i.name === 'Tea cups')?.available).toBe(0);
  });

  it('finds words by prefix in name and description, all words required', async () => {
    const list = (await catalog()).list;
    const search = async (search: string) =>
      names((await list({ category: kitchen, search })).items);
    expect(await search('kett')).toEqual(['Copper Kettle', 'Electric kettle']);
    expect(await search('boils')).toEqual(['Copper Kettle']);
    expect(await search('switch KETTLE')).toEqual(['Electric kettle']);
    expect(await search('copper switch')).toEqual([]);
    // Stopwords are dropped; a short word is a prefix like any other.
    expect(await search('the screen')).toEqual(['TV stand']);
    expect(await search('tv')).toEqual(['TV stand']);
    // FULLTEXT operators are stripped, not obeyed (and never a syntax error): `-copper`
    // is one more word to find, not an exclusion.
    expect(await search('+kett* -copper "~<>()@')).toEqual(['Copper Kettle']);
    expect(await search('"kett')).toEqual(['Copper Kettle', 'Electric kettle']);
    expect(await search('*** +-')).toHaveLength(4);
  });

  it('searches across categories too', async () => {
    const { items } = await (await catalog()).list({ search: `zq${tag}` });
    expect(names(items)).toEqual(['Copper Kettle', 'Garden hose']);
  });

  it('keeps to products in stock when asked', async () => {
    const { items } = await (await catalog()).list({ category: kitchen, inStockOnly: true });
    expect(names(items)).toEqual(['Copper Kettle', 'TV stand']);
    expect(items.every((i) => i.available > 0)).toBe(true);
  });

  it('pages through every product exactly once, in name then id order', async () => {
    const list = (await catalog()).list;
    const seen: ListItem[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({ category: bulk, limit: 7, cursor });
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((i) => i.id)).size).toBe(25);
    const sorted = [...seen].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    expect(seen.map((i) => i.id)).toEqual(sorted.map((i) => i.id));
  });

  it('pages the in-stock filter the same way', async () => {
    const list = (await catalog()).list;
    const first = await list({ category: bulk, inStockOnly: true, limit: 10 });
    const second = await list({
      category: bulk,
      inStockOnly: true,
      limit: 10,
      cursor: first.nextCursor!,
    });
    const all = [...first.items, ...second.items];
    expect(second.nextCursor).toBeNull();
    expect(all).toHaveLength(16); // i % 3 !== 0 for 16 of 0..24
    expect(new Set(all.map((i) => i.id)).size).toBe(16);
  });

  it('defaults to 24 items a page and takes no input at all', async () => {
    const { items } = await (await catalog()).list();
    expect(items.length).toBeLessThanOrEqual(24);
    const bulkPage = await (await catalog()).list({ category: bulk });
    expect(bulkPage.items).toHaveLength(24);
    expect(bulkPage.nextCursor).not.toBeNull();
  });

  it('refuses bad input with BAD_REQUEST', async () => {
    const list = (await catalog()).list as (input: unknown) => Promise<unknown>;
    await expectBadRequest(list({ limit: -1 }));
    await expectBadRequest(list({ limit: 0 }));
    await expectBadRequest(list({ limit: 101 }));
    await expectBadRequest(list({ limit: 2.5 }));
    await expectBadRequest(list({ search: 'x'.repeat(10_000) }));
    await expectBadRequest(list({ category: kitchen, color: 'red' }));
    await expectBadRequest(list({ cursor: 'not-a-cursor' }));
    await expectBadRequest(list({ inStockOnly: 'yes' }));
  });
});

describe('catalog.byId', () => {
  it('answers an active product with its description and live stock', async () => {
    const product = await (await catalog()).byId({ id: ids.electric! });
    expect(product).toMatchObject({
      id: ids.electric,
      name: 'Electric kettle',
      description: 'A kettle with a switch',
      available: 0,
      category: kitchen,
      // No uploaded photos (apps/server's media tests upload some).
      images: [],
      image: null,
    });
  });

  it('is NOT_FOUND for an archived or unknown product', async () => {
    const byId = (await catalog()).byId;
    for (const id of [ids.oldKettle!, 2 ** 40]) {
      await expect(byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('refuses bad input with BAD_REQUEST', async () => {
    const byId = (await catalog()).byId as (input: unknown) => Promise<unknown>;
    await expectBadRequest(byId({ id: -1 }));
    await expectBadRequest(byId({ id: 'one' }));
    await expectBadRequest(byId({ id: ids.copper, extra: true }));
    await expectBadRequest(byId({}));
  });
});

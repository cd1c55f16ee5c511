import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { type AdminHarness, openAdminHarness } from '../testing';

// The storefront's category filter over managed categories: a parent lists its children's
// products, archived categories leave the filter, pages merge the children's ranges.

let h: AdminHarness;
const ids: Record<string, number> = {};

beforeAll(async () => {
  h = await openAdminHarness();
  const { categories, products } = (await h.asAdmin()).admin;
  const home = await categories.create({ name: 'Home' });
  const kitchen = await categories.create({ name: 'Kitchen', parentId: home.id });
  const decor = await categories.create({ name: 'Decor', parentId: home.id });
  const candles = await categories.create({ name: 'Candles', parentId: decor.id });
  const empty = await categories.create({ name: 'Empty' });
  Object.assign(ids, { home: home.id, kitchen: kitchen.id, decor: decor.id, candles: candles.id });
  ids.empty = empty.id;
  let n = 0;
  const add = (name: string, categoryId: number) =>
    products.create({
      sku: `F-${++n}`,
      name,
      priceCents: 100 + n,
      categoryId,
      initialStock: n % 2,
    });
  // Names interleave across the categories, so a page of the parent merges their ranges.
  for (const letter of 'ACEGIKMOQS') await add(`${letter} kettle`, kitchen.id);
  for (const letter of 'BDFHJLNPRT') await add(`${letter} vase`, decor.id);
  for (const letter of 'CGU') await add(`${letter} candle`, candles.id);
  await add('Z home thing', home.id);
});
afterAll(() => h.close());

const catalog = async () => (await h.asCustomer()).catalog;

describe('catalog.categories over managed categories', () => {
  it('lists categories in tree order with depth, labels and counts including subcategories', async () => {
    const list = await (await catalog()).categories();
    expect(list.map((c) => [c.label, c.depth, c.productCount])).toEqual([
      ['Home', 0, 24],
      ['Home › Decor', 1, 13],
      ['Home › Decor › Candles', 2, 3],
      ['Home › Kitchen', 1, 10],
    ]);
    // "Empty" holds no products: not a filter worth offering.
    expect(list.map((c) => c.id)).not.toContain(ids.empty);
  });

  it('hides an archived category and everything under it', async () => {
    const { categories } = (await h.asAdmin()).admin;
    await categories.update({ id: ids.decor!, archived: true });
    try {
      const labels = (await (await catalog()).categories()).map((c) => c.label);
      expect(labels).toEqual(['Home', 'Home › Kitchen']);
    } finally {
      await categories.update({ id: ids.decor!, archived: false });
    }
  });
});

describe('catalog.list by category', () => {
  it("filters by a parent with its children's products, in name order across pages", async () => {
    const list = (await catalog()).list;
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await list({ categoryId: ids.home, limit: 5, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.name));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(24);
    expect(seen).toEqual([...seen].sort((a, b) => a.localeCompare(b)));
    expect(seen.at(-1)).toBe('Z home thing');
  });

  it('filters by a middle category, by name too, and a leaf holds only its own', async () => {
    const list = (await catalog()).list;
    const decor = await list({ categoryId: ids.decor, limit: 100 });
    expect(decor.items).toHaveLength(13);
    expect((await list({ category: 'decor', limit: 100 })).items).toHaveLength(13);
    const candles = await list({ categoryId: ids.candles, limit: 100 });
    expect(candles.items.map((i) => i.name)).toEqual(['C candle', 'G candle', 'U candle']);
    expect(candles.items[0]).toMatchObject({ category: 'Candles', categoryId: ids.candles });
  });

  it('combines the subtree with the search and the in-stock filter', async () => {
    const list = (await catalog()).list;
    const found = await list({ categoryId: ids.home, search: 'candle', limit: 100 });
    expect(found.items.map((i) => i.name)).toEqual(['C candle', 'G candle', 'U candle']);
    const inStock = await list({ categoryId: ids.home, inStockOnly: true, limit: 100 });
    expect(inStock.items.length).toBeGreaterThan(0);
    expect(inStock.items.every((i) => i.available > 0)).toBe(true);
    expect(inStock.items.length).toBeLessThan(24);
  });

  it('answers an empty page for an unknown category', async () => {
    const list = (await catalog()).list;
    expect((await list({ categoryId: 999_999 })).items).toEqual([]);
    expect((await list({ category: 'No such category' })).items).toEqual([]);
  });
});

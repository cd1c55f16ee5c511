import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorld, type World } from '../testing/world';
import { getCatalogProduct, listCatalog } from './storefront-list';

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

describe('the catalog over variants and locations', () => {
  it('counts each product’s own variants and sums their stock at the locations that sell online', async () => {
    const shop = await world.addLocation({ priority: 3, fulfilsOnline: false });
    const east = await world.addLocation({ priority: 2 });
    // Variant ids now run ahead of product ids: a subquery must not mix the two up.
    const { productId, variantIds } = await world.addVariantProduct({
      name: 'Catalog tee zqv',
      options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
      variants: [
        { options: { Size: 'S' }, stock: { 1: 2, [east]: 3, [shop]: 50 } },
        { options: { Size: 'M' }, priceCents: 1_500, stock: { 1: 0 } },
        { options: { Size: 'L' }, stock: { [east]: 4 } },
      ],
    });
    const simple = await world.addProduct({ name: 'Catalog mug zqv', onHand: 7 });
    const { items } = await listCatalog(world.db, { search: 'zqv', limit: 10 });
    // By name: the mug first. The shop floor does not sell online: its 50 are not for sale.
    expect(items.map((i) => [i.id, i.variantCount, i.firstVariantId, i.available])).toEqual([
      [simple, 1, await world.variantOf(simple), 7],
      [productId, 3, variantIds[0], 9],
    ]);
    const detail = await getCatalogProduct(world.db, productId);
    expect(detail?.options).toEqual([{ name: 'Size', values: ['S', 'M', 'L'] }]);
    expect(detail?.variants.map((v) => [v.title, v.available, v.priceCents])).toEqual([
      ['S', 5, 1_000],
      ['M', 0, 1_500],
      ['L', 4, 1_000],
    ]);
    const inStock = await listCatalog(world.db, { search: 'zqv', inStockOnly: true, limit: 10 });
    expect(inStock.items.map((i) => i.id)).toEqual([simple, productId]);
  });
});

import { schema } from '@stockpulse/db';
import { asc, eq, getTableColumns } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { type AdminHarness, expectRefused, openAdminHarness, trpcError } from '../../testing';

let h: AdminHarness;
const products = async () => (await h.asAdmin()).admin.products;

beforeAll(async () => {
  h = await openAdminHarness();
});
afterAll(() => h.close());

let skus = 0;
const sku = () => `SKU-${++skus}`;

async function ledgerOf(productId: number) {
  return h.world.db
    .select(getTableColumns(schema.stockMovements))
    .from(schema.stockMovements)
    .innerJoin(schema.variants, eq(schema.variants.id, schema.stockMovements.variantId))
    .where(eq(schema.variants.productId, productId))
    .orderBy(asc(schema.stockMovements.id));
}

describe('admin.products.create', () => {
  it('creates the product, its inventory row and an opening ledger row in one go', async () => {
    const created = await (await products()).create({
      sku: 'LAMP-01',
      name: '  Brass desk lamp ',
      priceCents: 4_500,
      category: 'Lighting',
      description: 'Warm light.',
      initialStock: 12,
      reorderPoint: 3,
      reorderQuantity: 20,
    });
    expect(created).toMatchObject({
      sku: 'LAMP-01',
      name: 'Brass desk lamp',
      priceCents: 4_500,
      category: 'Lighting',
      description: 'Warm light.',
      active: true,
      onHand: 12,
      available: 12,
      ownImageUrl: null,
      imageUrl: '/media/products/LAMP-01.svg',
    });
    const [stock] = await h.world.db
      .select()
      .from(schema.inventory)
      .where(eq(schema.inventory.productId, created.id));
    expect(stock).toMatchObject({ onHand: 12, reserved: 0, reorderPoint: 3, reorderQuantity: 20 });
    expect(await ledgerOf(created.id)).toMatchObject([
      { reason: 'opening', deltaOnHand: 12, refType: 'admin', actor: `admin:${h.adminId}` },
    ]);
    expect(await h.drainOutbox()).toEqual([
      {
        topic: 'inventory:changed',
        payload: expect.objectContaining({ productId: created.id, onHand: 12, available: 12 }),
      },
    ]);
    // On sale at once.
    const shop = await h.asCustomer();
    expect(await shop.catalog.byId({ id: created.id })).toMatchObject({ available: 12 });
    await h.expectInvariants();
  });

  it('defaults to no stock and the standard reorder policy', async () => {
    const created = await (await products()).create({
      sku: sku(),
      name: 'Bare',
      priceCents: 100,
      category: 'Test',
    });
    expect(created).toMatchObject({ onHand: 0, description: '' });
    const [stock] = await h.world.db
      .select()
      .from(schema.inventory)
      .where(eq(schema.inventory.productId, created.id));
    expect(stock).toMatchObject({ onHand: 0, reorderPoint: 10, reorderQuantity: 50 });
    await h.expectInvariants();
  });

  it('refuses a taken SKU with SKU_TAKEN, creating nothing', async () => {
    const { create } = await products();
    await create({ sku: 'TAKEN-1', name: 'First', priceCents: 100, category: 'Test' });
    await h.drainOutbox();
    const before = await h.digest();
    const error = await trpcError(
      create({
        sku: 'TAKEN-1',
        name: 'Second',
        priceCents: 100,
        category: 'Test',
        initialStock: 5,
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.cause).toMatchObject({ code: 'SKU_TAKEN', details: { sku: 'TAKEN-1' } });
    expect(await h.digest()).toBe(before);
  });

  it('creates one product when the same SKU is created many times at once', async () => {
    const { create } = await products();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        create({
          sku: 'RACE-1',
          name: 'Racer',
          priceCents: 100,
          category: 'Test',
          initialStock: 1,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    }
    await h.expectInvariants();
  });

  it('refuses bad input with BAD_REQUEST, changing nothing', async () => {
    const { create } = await products();
    const good = { sku: sku(), name: 'Good', priceCents: 100, category: 'Test' };
    await expectRefused(h, create, [
      { ...good, sku: '' },
      { ...good, sku: 'has space' },
      { ...good, sku: 'x'.repeat(65) },
      { ...good, name: '' },
      { ...good, name: 'x'.repeat(201) },
      { ...good, priceCents: 0 },
      { ...good, priceCents: -100 },
      { ...good, priceCents: 12.5 },
      { ...good, priceCents: 100_000_001 },
      { ...good, priceCents: '100' },
      { ...good, category: '' },
      { ...good, category: 'x'.repeat(65) },
      { ...good, description: 'x'.repeat(5_001) },
      { ...good, initialStock: -1 },
      { ...good, initialStock: 1_000_001 },
      { ...good, reorderPoint: -1 },
      { ...good, reorderQuantity: 0 },
      { ...good, imageUrl: 'javascript:alert(1)' },
      { ...good, imageUrl: `https://x/${'a'.repeat(500)}` },
      { ...good, active: false },
      { sku: good.sku, name: 'No price', category: 'Test' },
      {},
    ]);
  });
});

describe('admin.products.update', () => {
  it('changes a price for new orders only: an existing order keeps its lines and total', async () => {
    const { create, update } = await products();
    const product = await create({
      sku: sku(),
      name: 'Kettle',
      priceCents: 2_000,
      category: 'Kitchen',
      initialStock: 10,
    });
    const shop = await h.asCustomer();
    const before = await shop.orders.place({
      items: [{ productId: product.id, quantity: 2 }],
      idempotencyKey: 'price-before-1',
    });
    expect(before.totalCents).toBe(4_000);

    const updated = await update({ id: product.id, priceCents: 2_500, name: 'Copper kettle' });
    expect(updated).toMatchObject({ priceCents: 2_500, name: 'Copper kettle' });

    const [row] = await h.world.db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.id, before.id));
    expect(row).toMatchObject({ totalCents: 4_000, itemCount: 2 });
    const lines = await h.world.db
      .select()
      .from(schema.orderDetails)
      .where(eq(schema.orderDetails.orderId, before.id));
    expect(lines).toMatchObject([{ productId: product.id, quantity: 2, unitPriceCents: 2_000 }]);
    const view = await (await h.asAdmin()).admin.orders.byId({ id: before.id });
    expect(view).toMatchObject({ totalCents: 4_000, lines: [{ unitPriceCents: 2_000 }] });

    const after = await shop.orders.place({
      items: [{ productId: product.id, quantity: 2 }],
      idempotencyKey: 'price-after-1',
    });
    expect(after.totalCents).toBe(5_000);
    await h.expectInvariants();
  });

  it('writes product:updated with the new public details in the same transaction', async () => {
    const { create, update, archive } = await products();
    const product = await create({
      sku: 'LIVE-1',
      name: 'Teapot',
      priceCents: 1_500,
      category: 'K',
    });
    await h.drainOutbox();

    await update({ id: product.id, priceCents: 1_250, name: 'Iron teapot' });
    expect(await h.drainOutbox()).toEqual([
      {
        topic: 'product:updated',
        payload: {
          productId: product.id,
          name: 'Iron teapot',
          description: '',
          category: 'K',
          priceCents: 1_250,
          imageUrl: '/media/products/LIVE-1.svg',
          images: [],
          active: true,
          at: expect.any(String),
        },
      },
    ]);

    await archive({ id: product.id });
    expect(await h.drainOutbox()).toEqual([
      {
        topic: 'product:updated',
        payload: expect.objectContaining({ productId: product.id, active: false }),
      },
    ]);
  });

  it('writes no product:updated when the update is refused', async () => {
    const { update } = await products();
    await h.drainOutbox();
    await expectRefused(h, update, [{ id: 2 ** 40, name: 'Ghost' }], 'NOT_FOUND');
    expect(await h.drainOutbox()).toEqual([]);
  });

  it('sets and clears the image, changes category and description', async () => {
    const { create, update } = await products();
    const product = await create({
      sku: 'IMG-1',
      name: 'Pictured',
      priceCents: 100,
      category: 'A',
    });
    expect(
      await update({ id: product.id, imageUrl: 'https://cdn.example.com/p.png', category: 'B' }),
    ).toMatchObject({
      ownImageUrl: 'https://cdn.example.com/p.png',
      imageUrl: 'https://cdn.example.com/p.png',
      category: 'B',
    });
    expect(
      await update({ id: product.id, imageUrl: null, description: 'Now described' }),
    ).toMatchObject({
      ownImageUrl: null,
      imageUrl: '/media/products/IMG-1.svg',
      description: 'Now described',
    });
  });

  it('refuses bad input with BAD_REQUEST, an unknown product with NOT_FOUND', async () => {
    const { create, update } = await products();
    const { id } = await create({ sku: sku(), name: 'Target', priceCents: 100, category: 'T' });
    await h.drainOutbox();
    await expectRefused(h, update, [
      { id },
      { id, priceCents: 0 },
      { id, priceCents: 2 ** 31 },
      { id, name: '' },
      { id, name: 'x'.repeat(201) },
      { id, active: 'no' },
      { id, sku: 'NEW-SKU' },
      { id, onHand: 5 },
      { id: 0, name: 'x' },
      { name: 'x' },
    ]);
    await expectRefused(h, update, [{ id: 2 ** 40, name: 'Ghost' }], 'NOT_FOUND');
  });
});

describe('admin.products.archive', () => {
  it('takes a product off the catalog and out of ordering; update({ active: true }) brings it back', async () => {
    const { create, archive, update, list } = await products();
    const product = await create({
      sku: 'ARCH-1',
      name: 'Archivable vase',
      priceCents: 900,
      category: 'Decor',
      initialStock: 4,
    });
    expect(await archive({ id: product.id })).toMatchObject({ active: false });
    const shop = await h.asCustomer();
    expect((await trpcError(shop.catalog.byId({ id: product.id }))).code).toBe('NOT_FOUND');
    const refused = await trpcError(
      shop.orders.place({
        items: [{ productId: product.id, quantity: 1 }],
        idempotencyKey: 'archived-order-1',
      }),
    );
    expect(refused.cause).toMatchObject({ code: 'PRODUCT_UNAVAILABLE' });
    expect((await list({ search: 'Archivable' })).items).toEqual([]);
    expect((await list({ search: 'Archivable', includeArchived: true })).items).toMatchObject([
      { id: product.id, active: false },
    ]);

    await update({ id: product.id, active: true });
    expect(await shop.catalog.byId({ id: product.id })).toMatchObject({ available: 4 });
    await h.expectInvariants();
  });

  it('refuses bad input with BAD_REQUEST, an unknown product with NOT_FOUND', async () => {
    const { archive } = await products();
    await expectRefused(h, archive, [{}, { id: -4 }, { id: 'x' }, { id: 1, really: true }]);
    await expectRefused(h, archive, [{ id: 2 ** 40 }], 'NOT_FOUND');
  });
});

describe('admin.products.list', () => {
  it('pages through products by name, searching name or SKU prefix', async () => {
    const { create, list } = await products();
    for (const name of ['Pager delta', 'Pager alpha', 'Pager charlie', 'Pager bravo']) {
      await create({ sku: `PG-${name.split(' ')[1]}`, name, priceCents: 100, category: 'Pg' });
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list({
        search: 'pager',
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      names.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual(['Pager alpha', 'Pager bravo', 'Pager charlie', 'Pager delta']);
    expect((await list({ search: 'PG-ch' })).items.map((p) => p.name)).toEqual(['Pager charlie']);
    expect((await list()).items.length).toBeGreaterThan(0);
    await expectRefused(h, list, [
      { limit: 0 },
      { includeArchived: 1 },
      { cursor: '!!' },
      { search: 'x'.repeat(101) },
      { category: 'Pg' },
    ]);
  });

  it('answers one product by id, archived or not', async () => {
    const { create, archive, byId } = await products();
    const { id } = await create({ sku: sku(), name: 'Single', priceCents: 100, category: 'S' });
    await archive({ id });
    expect(await byId({ id })).toMatchObject({ id, active: false });
    await expectRefused(h, byId, [{ id: 2 ** 40 }], 'NOT_FOUND');
    await expectRefused(h, byId, [{ id: 1.5 }, {}]);
  });
});

describe('admin.products.categories', () => {
  it('lists the categories products can take, an archived product’s too, with its product count', async () => {
    const { create, archive, categories } = await products();
    const before = new Map((await categories()).map((c) => [c.category, c.productCount]));
    const add = (category: string) =>
      create({ sku: sku(), name: `In ${category}`, priceCents: 100, category });
    await add('Zz Lamps');
    await add('Zz Lamps');
    await archive({ id: (await add('Zz Retired')).id });
    const after = await categories();
    expect(after.map((c) => c.category)).toEqual(
      [...new Set([...before.keys(), 'Zz Lamps', 'Zz Retired'])].sort((a, b) =>
        a.localeCompare(b, 'en', { sensitivity: 'base' }),
      ),
    );
    expect(after.filter((c) => c.category.startsWith('Zz '))).toEqual([
      {
        id: expect.any(Number),
        category: 'Zz Lamps',
        label: 'Zz Lamps',
        depth: 0,
        productCount: 2,
      },
      {
        id: expect.any(Number),
        category: 'Zz Retired',
        label: 'Zz Retired',
        depth: 0,
        productCount: 1,
      },
    ]);
    const shop = await h.asCustomer();
    expect((await trpcError(shop.admin.products.categories())).code).toBe('FORBIDDEN');
  });
});

import { MAX_STOCK_POSITION, placeOrder, setStockPolicy } from '@stockpulse/core';
import { schema } from '@stockpulse/db';
import { DomainError } from '@stockpulse/shared';
import type { inferProcedureOutput } from '@trpc/server';
import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import type { AppRouter } from '../../root';
import { type AdminHarness, expectRefused, openAdminHarness, trpcError } from '../../testing';

type StockRow = inferProcedureOutput<AppRouter['admin']['inventory']['list']>['items'][number];

let h: AdminHarness;
const inventory = async () => (await h.asAdmin()).admin.inventory;

beforeAll(async () => {
  h = await openAdminHarness();
});
afterAll(() => h.close());

let keys = 0;
/** A product with `onHand` units of which `reserved` are held by a pending order. */
async function product(options: { onHand: number; reserved?: number; name?: string }) {
  const productId = await h.world.addProduct({ onHand: options.onHand, name: options.name });
  if (options.reserved) {
    await placeOrder(h.world.db, {
      customerId: h.customer.id,
      customerName: h.customer.name,
      items: [{ productId, quantity: options.reserved }],
      idempotencyKey: `inventory-${++keys}`,
    });
  }
  await h.drainOutbox();
  return productId;
}

async function stockOf(productId: number) {
  const [row] = await h.world.db
    .select()
    .from(schema.inventory)
    .where(eq(schema.inventory.productId, productId));
  return row!;
}

async function ledgerOf(productId: number) {
  return h.world.db
    .select(getTableColumns(schema.stockMovements))
    .from(schema.stockMovements)
    .innerJoin(schema.variants, eq(schema.variants.id, schema.stockMovements.variantId))
    .where(eq(schema.variants.productId, productId))
    .orderBy(asc(schema.stockMovements.id));
}

describe('admin.inventory.adjust', () => {
  it('changes on_hand with an `adjust` ledger row carrying the reason, and an inventory:changed event', async () => {
    const productId = await product({ onHand: 10, reserved: 3 });
    const before = await stockOf(productId);
    const row = await (await inventory()).adjust({ productId, delta: 5, reason: 'found a box' });
    expect(row).toMatchObject({
      productId,
      onHand: 15,
      reserved: 3,
      available: 12,
      version: before.version + 1,
    });
    expect((await ledgerOf(productId)).at(-1)).toMatchObject({
      deltaOnHand: 5,
      deltaReserved: 0,
      deltaIncoming: 0,
      reason: 'adjust',
      refType: 'admin',
      refId: h.adminId,
      actor: `admin:${h.adminId}`,
      note: 'found a box',
    });
    expect(await h.drainOutbox()).toEqual([
      {
        topic: 'inventory:changed',
        payload: {
          productId,
          variantId: await h.world.variantOf(productId),
          onHand: 15,
          reserved: 3,
          available: 12,
          incoming: 0,
          unavailable: 0,
          productAvailable: 12,
          version: expect.any(Number),
          // Staff's copy: each location's row.
          locations: [
            {
              locationId: 1,
              onHand: 15,
              reserved: 3,
              available: 12,
              incoming: 0,
              damaged: 0,
              qualityControl: 0,
              safetyStock: 0,
            },
          ],
        },
      },
    ]);
    await h.expectInvariants();
  });

  it('takes stock down to exactly what is reserved, and refuses to go below it', async () => {
    const productId = await product({ onHand: 10, reserved: 4 });
    const { adjust } = await inventory();
    await h.drainOutbox();
    const before = await h.digest();
    const error = await trpcError(adjust({ productId, delta: -7, reason: 'stocktake' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/below what is reserved/);
    expect(error.cause).toMatchObject({
      code: 'STOCK_BELOW_RESERVED',
      details: { productId, onHand: 10, reserved: 4, delta: -7, smallestDelta: -6 },
    });
    expect(await h.digest()).toBe(before);
    expect(await adjust({ productId, delta: -6, reason: 'stocktake' })).toMatchObject({
      onHand: 4,
      reserved: 4,
      available: 0,
    });
    await h.expectInvariants();
  });

  it('refuses to overflow a product past the most it may hold', async () => {
    const productId = await product({ onHand: 999_999_999 });
    const error = await trpcError(
      (await inventory()).adjust({ productId, delta: 2, reason: 'too much' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.cause).toMatchObject({ code: 'STOCK_LIMIT' });
    expect((await stockOf(productId)).onHand).toBe(999_999_999);
  });

  it('counts what is on order toward that bound, and still lets stock go down', async () => {
    const productId = await product({ onHand: MAX_STOCK_POSITION - 1_000_000 });
    const { adjust, restock } = await inventory();
    await restock({ productId, quantity: 1_000_000 });
    await h.drainOutbox();
    const before = await h.digest();
    const error = await trpcError(adjust({ productId, delta: 1, reason: 'one more' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.cause).toMatchObject({
      code: 'STOCK_LIMIT',
      details: { onHand: MAX_STOCK_POSITION - 1_000_000, incoming: 1_000_000, largestChange: 0 },
    });
    expect(await h.digest()).toBe(before);
    expect(await adjust({ productId, delta: -5, reason: 'broken' })).toMatchObject({
      onHand: MAX_STOCK_POSITION - 1_000_005,
    });
    await h.expectInvariants();
  });

  it('refuses bad input with BAD_REQUEST, an unknown product with NOT_FOUND', async () => {
    const productId = await product({ onHand: 10 });
    const { adjust } = await inventory();
    await expectRefused(h, adjust, [
      { productId, delta: 0, reason: 'nothing' },
      { productId, delta: 1.5, reason: 'half' },
      { productId, delta: 1_000_001, reason: 'huge' },
      { productId, delta: -1_000_001, reason: 'huge' },
      { productId, delta: '5', reason: 'text' },
      { productId, delta: 5 },
      { productId, delta: 5, reason: '' },
      { productId, delta: 5, reason: 'x'.repeat(201) },
      { productId: -1, delta: 5, reason: 'x' },
      { delta: 5, reason: 'x' },
      { productId, delta: 5, reason: 'x', actor: 'someone' },
    ]);
    await expectRefused(h, adjust, [{ productId: 2 ** 40, delta: 5, reason: 'x' }], 'NOT_FOUND');
  });

  it('keeps the ledger in balance under concurrent adjustments', async () => {
    const productId = await product({ onHand: 20, reserved: 5 });
    const { adjust } = await inventory();
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        adjust({ productId, delta: i % 3 === 0 ? 2 : -1, reason: `race ${i}` }),
      ),
    );
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(result.reason).toMatchObject({ code: 'CONFLICT' });
      }
    }
    expect((await stockOf(productId)).onHand).toBeGreaterThanOrEqual(5);
    await h.expectInvariants();
  });
});

describe('admin.inventory.setPolicy', () => {
  it('sets reorder point and quantity, bumps the version and writes inventory:changed', async () => {
    const productId = await product({ onHand: 30 });
    const before = await stockOf(productId);
    const row = await (await inventory()).setPolicy({
      productId,
      reorderPoint: 40,
      reorderQuantity: 100,
    });
    expect(row).toMatchObject({
      reorderPoint: 40,
      reorderQuantity: 100,
      version: before.version + 1,
      restockGap: -10,
    });
    const outbox = await h.drainOutbox();
    expect(outbox).toEqual([
      {
        topic: 'inventory:changed',
        // The product's stock version moved on: watchers take it over what they hold.
        payload: expect.objectContaining({ productId, reserved: 0 }),
      },
    ]);
    // No stock moved: no ledger row.
    expect(await ledgerOf(productId)).toHaveLength(1);
    await h.expectInvariants();
  });

  it('refuses bad input with BAD_REQUEST, an unknown product with NOT_FOUND', async () => {
    const productId = await product({ onHand: 30 });
    const { setPolicy } = await inventory();
    await expectRefused(h, setPolicy, [
      { productId, reorderPoint: -1, reorderQuantity: 10 },
      { productId, reorderPoint: 5, reorderQuantity: 0 },
      { productId, reorderPoint: 5, reorderQuantity: -3 },
      { productId, reorderPoint: 1_000_001, reorderQuantity: 10 },
      { productId, reorderPoint: 5, reorderQuantity: 2 ** 31 },
      { productId, reorderPoint: 5 },
      { productId, reorderPoint: 5, reorderQuantity: 10, version: 3 },
      { productId: 'one', reorderPoint: 5, reorderQuantity: 10 },
    ]);
    await expectRefused(
      h,
      setPolicy,
      [{ productId: 2 ** 40, reorderPoint: 5, reorderQuantity: 10 }],
      'NOT_FOUND',
    );
  });
});

describe('setStockPolicy (core, behind the API’s own bounds)', () => {
  it('refuses a reorder point or quantity outside its bounds with STOCK_LIMIT, changing nothing', async () => {
    const productId = await product({ onHand: 30 });
    const before = await h.digest();
    for (const policy of [
      { reorderPoint: 2 ** 31, reorderQuantity: 10 },
      { reorderPoint: 5, reorderQuantity: 2 ** 31 },
      { reorderPoint: -1, reorderQuantity: 10 },
      { reorderPoint: 5, reorderQuantity: 0 },
      { reorderPoint: 1.5, reorderQuantity: 10 },
    ]) {
      const error = await setStockPolicy(h.world.db, { productId, ...policy }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(policy)).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('STOCK_LIMIT');
    }
    expect(await h.digest()).toBe(before);
  });
});

describe('admin.inventory.restock', () => {
  it('orders stock from the supplier: incoming rises and the list shows the open restock', async () => {
    const productId = await product({ onHand: 2, name: 'Restocked lantern' });
    const restock = await (await inventory()).restock({ productId, quantity: 25 });
    expect(restock).toMatchObject({ productId, quantity: 25, status: 'in_transit' });
    expect(await stockOf(productId)).toMatchObject({ onHand: 2, incoming: 25 });
    const { items } = await (await inventory()).list({ search: 'Restocked lantern' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      productId,
      incoming: 25,
      openRestock: { id: restock.id, quantity: 25, status: 'in_transit' },
    });
    const topics = (await h.drainOutbox()).map((row) => row.topic);
    expect(topics).toEqual(['restock:updated', 'inventory:changed', 'restock']);
    await h.expectInvariants();
  });

  it('refuses bad input with BAD_REQUEST, an unknown product with NOT_FOUND', async () => {
    const productId = await product({ onHand: 2 });
    const { restock } = await inventory();
    await expectRefused(h, restock, [
      { productId, quantity: 0 },
      { productId, quantity: -5 },
      { productId, quantity: 1_000_001 },
      { productId, quantity: 2.5 },
      { productId },
      { productId, quantity: 5, eta: 'tomorrow' },
    ]);
    await expectRefused(h, restock, [{ productId: 2 ** 40, quantity: 5 }], 'NOT_FOUND');
  });

  it('refuses restocks past the most a product may hold and have on order, with STOCK_LIMIT and nothing written', async () => {
    // Unbounded, repeated restocks overflowed `incoming` and the stored `restock_gap` (a 500).
    const productId = await product({ onHand: MAX_STOCK_POSITION - 1_500_000 });
    const { restock } = await inventory();
    await restock({ productId, quantity: 1_000_000 });
    await restock({ productId, quantity: 500_000 });
    await h.drainOutbox();
    await expectRefused(h, restock, [
      { productId, quantity: 1 },
      { productId, quantity: 1_000_000 },
    ]);
    const error = await trpcError(restock({ productId, quantity: 1 }));
    expect(error.cause).toMatchObject({
      code: 'STOCK_LIMIT',
      details: { incoming: 1_500_000, change: 1, max: MAX_STOCK_POSITION, largestChange: 0 },
    });
    expect(error.message).toContain('at most 0');
    expect(await stockOf(productId)).toMatchObject({
      onHand: MAX_STOCK_POSITION - 1_500_000,
      incoming: 1_500_000,
    });
    await h.expectInvariants();
  });
});

describe('admin.inventory.list', () => {
  it('lists stock by name with on hand, reserved, available, incoming, policy and version', async () => {
    const productId = await product({ onHand: 12, reserved: 2, name: 'Listed teapot' });
    const { items, nextCursor } = await (await inventory()).list({ search: 'listed tea' });
    expect(nextCursor).toBeNull();
    expect(items).toEqual<StockRow[]>([
      {
        productId,
        variantId: await h.world.variantOf(productId),
        locationId: 1,
        sku: expect.any(String),
        name: 'Listed teapot',
        variantTitle: '',
        category: 'Test',
        active: true,
        locationName: 'Main warehouse',
        locationCode: 'MAIN',
        onHand: 12,
        reserved: 2,
        available: 10,
        incoming: 0,
        damaged: 0,
        qualityControl: 0,
        safetyStock: 0,
        reorderPoint: 10,
        reorderQuantity: 50,
        restockGap: 0,
        version: 2,
        updatedAt: expect.any(Date),
        openRestock: null,
      },
    ]);
    // The start of the SKU finds it too.
    const bySku = await (await inventory()).list({ search: items[0]!.sku.slice(0, -2) });
    expect(bySku.items.map((row) => row.productId)).toContain(productId);
  });

  it('keeps to low stock as an operator means it (sold out, or at or below the reorder point whatever is on order), sold out first, page by page', async () => {
    const { list, restock } = await inventory();
    // Sold out while a restock travels: incoming lifts its restock_gap to 40, which hid it.
    const soldOutOnOrder = await product({ onHand: 0 });
    await restock({ productId: soldOutOnOrder, quantity: 50 });
    // 4 left of a reorder point of 10, 20 on order.
    const lowOnOrder = await product({ onHand: 4 });
    await restock({ productId: lowOnOrder, quantity: 20 });
    const low = [
      soldOutOnOrder,
      lowOnOrder,
      await product({ onHand: 10 }), // at the point
      await product({ onHand: 3 }),
      await product({ onHand: 12, reserved: 5 }), // 7 available
    ];
    const fine = [await product({ onHand: 11 })];
    const fineOnOrder = await product({ onHand: 11 });
    await restock({ productId: fineOnOrder, quantity: 5 });
    fine.push(fineOnOrder);

    const seen: StockRow[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list({
        lowStockOnly: true,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.every((row) => row.available <= row.reorderPoint)).toBe(true);
    const order = seen.map((row) => [row.available, row.productId] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const ids = seen.map((row) => row.productId);
    expect(ids).toEqual(expect.arrayContaining(low));
    for (const id of fine) expect(ids).not.toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen.find((row) => row.productId === soldOutOnOrder)).toMatchObject({
      available: 0,
      incoming: 50,
      openRestock: { quantity: 50 },
    });
    const everything = await h.world.db
      .select({ n: sql<number>`COUNT(*)`.mapWith(Number) })
      .from(schema.inventory)
      .where(sql`${schema.inventory.available} <= ${schema.inventory.reorderPoint}`);
    expect(seen).toHaveLength(everything[0]!.n);
  });

  it('pages through everything by name, each product once', async () => {
    const { list } = await inventory();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list({
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((row) => row.productId));
      cursor = page.nextCursor;
    } while (cursor);
    const count = await h.world.db
      .select({ id: schema.inventory.productId })
      .from(schema.inventory);
    expect(new Set(seen).size).toBe(count.length);
    expect(seen).toHaveLength(count.length);
  });

  it('refuses bad input with BAD_REQUEST', async () => {
    const { list } = await inventory();
    const { nextCursor } = await list({ limit: 1 });
    await expectRefused(h, list, [
      { lowStockOnly: 'yes' },
      { limit: 0 },
      { limit: 1_000 },
      { search: 'x'.repeat(101) },
      { cursor: 'nope' },
      // A name-ordered cursor for the low-stock list.
      { lowStockOnly: true, cursor: nextCursor },
      { sort: 'name' },
    ]);
  });
});

describe('admin.inventory.ledger', () => {
  it('lists a product’s movements newest first, a page at a time', async () => {
    const productId = await product({ onHand: 10, reserved: 2 });
    const { adjust, ledger } = await inventory();
    for (const delta of [1, 2, 3]) await adjust({ productId, delta, reason: `+${delta}` });
    const rows = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof ledger>> = await ledger({
        productId,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(rows.map((row) => [row.reason, row.deltaOnHand, row.deltaReserved])).toEqual([
      ['adjust', 3, 0],
      ['adjust', 2, 0],
      ['adjust', 1, 0],
      ['reserve', 0, 2],
      ['opening', 10, 0],
    ]);
    expect(rows[0]).toMatchObject({ note: '+3', actor: `admin:${h.adminId}` });
    await h.expectInvariants();
  });

  it('names who moved the stock: the admin and the customer by name, a process by what it is', async () => {
    const productId = await product({ onHand: 10, reserved: 2 });
    const { adjust, ledger } = await inventory();
    await adjust({ productId, delta: 1, reason: 'found one' });
    const { items } = await ledger({ productId });
    expect(items.map((row) => [row.reason, row.actor, row.actorName])).toEqual([
      ['adjust', `admin:${h.adminId}`, 'Ada Admin'],
      ['reserve', `customer:${h.customer.id}`, 'Carl Customer'],
      // The test world's opening stock is written by `test`, a process no one named.
      ['opening', 'test', 'Test'],
    ]);
    expect(items[1]).toMatchObject({ refType: 'order', refId: expect.any(Number) });
  });

  it('refuses bad input with BAD_REQUEST, an unknown product with NOT_FOUND', async () => {
    const productId = await product({ onHand: 1 });
    const { ledger } = await inventory();
    await expectRefused(h, ledger, [
      {},
      { productId: 0 },
      { productId, limit: 101 },
      { productId, cursor: 'x' },
      { productId, since: 1 },
    ]);
    await expectRefused(h, ledger, [{ productId: 2 ** 40 }], 'NOT_FOUND');
  });
});

describe('admin.inventory.check', () => {
  it('answers ok on a healthy database, and names a broken invariant in either mode', async () => {
    const { check } = await inventory();
    await h.drainOutbox();
    expect(await check()).toMatchObject({ ok: true, mode: 'recent', violations: [] });
    expect(await check({ mode: 'full' })).toMatchObject({ ok: true, mode: 'full', violations: [] });
    const productId = await product({ onHand: 5 });
    // Stock that moved without its ledger row: invariant 2. The product was made just now,
    // so its ledger is in the recent window too.
    await h.world.db
      .update(schema.inventory)
      .set({ onHand: sql`${schema.inventory.onHand} + 1` })
      .where(eq(schema.inventory.productId, productId));
    for (const mode of ['recent', 'full'] as const) {
      const broken = await check({ mode });
      expect(broken).toMatchObject({ ok: false, mode });
      expect(broken.violations).toEqual([
        expect.objectContaining({
          invariant: 2,
          entity: 'variant',
          entityId: await h.world.variantOf(productId),
        }),
      ]);
      expect(broken.invariants.find((i) => i.invariant === 2)).toMatchObject({ violations: 1 });
      expect(broken.durationMs).toBeGreaterThanOrEqual(0);
    }
    await h.world.db
      .update(schema.inventory)
      .set({ onHand: sql`${schema.inventory.onHand} - 1` })
      .where(eq(schema.inventory.productId, productId));
    expect(await check()).toMatchObject({ ok: true, violations: [] });
    await expectRefused(h, check as (input: never) => Promise<unknown>, [
      { deep: true },
      { mode: 'deep' },
    ]);
  });
});

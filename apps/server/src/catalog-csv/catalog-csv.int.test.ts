import { readFile } from 'node:fs/promises';
import type { AppRouter } from '@stockpulse/api';
import { createSession, placeOrder, runImport, SESSION_COOKIE } from '@stockpulse/core';
import { drainOutbox, openWorld, type World } from '@stockpulse/core/testing';
import { schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { MAX_IMPORT_BYTES } from '@stockpulse/shared';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { parse } from 'csv-parse/sync';
import { asc, eq, ne } from 'drizzle-orm';
import { Redis } from 'ioredis';
import type { RowDataPacket } from 'mysql2/promise';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningServer, startTestServer } from '../testing';
import { EXPORT_PATHS, IMPORT_PRODUCTS_PATH } from '.';

const SAMPLE = new URL('../../../../docs/samples/products.csv', import.meta.url);

let database: TestDatabase;
let world: World;
let redis: Redis;
let server: RunningServer;
let adminCookie: string;
let customerCookie: string;
let eastId: number;

const cookieFor = async (role: 'admin' | 'customer') => {
  const user = await world.addCustomer({ role });
  const { token } = await createSession(world.db, user.id);
  return `${SESSION_COOKIE}=${token}`;
};

/** `POST /admin/import/products` as a multipart file upload, the way the console sends it. */
function upload(csv: string, cookie: string | null = adminCookie, name = 'products.csv') {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), name);
  return fetch(`${server.url}${IMPORT_PRODUCTS_PATH}`, {
    method: 'POST',
    body: form,
    headers: cookie ? { cookie } : {},
  });
}

/** Uploads the file and runs its job (core's runImport, what the worker's processor calls). */
async function importFile(csv: string) {
  const response = await upload(csv);
  expect(response.status).toBe(202);
  const { importId, jobId } = (await response.json()) as { importId: number; jobId: string };
  expect(jobId).toBe(`import-${importId}`);
  const result = await runImport(world.db, importId, { progressEvery: 2 });
  return { importId, result: result! };
}

async function errorsOf(importId: number) {
  return world.db
    .select({
      row: schema.catalogImportErrors.row,
      sku: schema.catalogImportErrors.sku,
      message: schema.catalogImportErrors.message,
    })
    .from(schema.catalogImportErrors)
    .where(eq(schema.catalogImportErrors.importId, importId))
    .orderBy(asc(schema.catalogImportErrors.row));
}

async function count(statement: string) {
  const [rows] = await world.pool.query<RowDataPacket[]>(statement);
  return Number(rows[0]!.n);
}
/** What an import may write besides its own rows, job and progress events. */
const footprint = async () => ({
  ledger: await count('SELECT COUNT(*) AS n FROM stock_movements'),
  outbox: await count(
    "SELECT COUNT(*) AS n FROM outbox WHERE topic NOT IN ('import:progress', 'imports')",
  ),
  variants: await count('SELECT COUNT(*) AS n FROM variants'),
  products: await count('SELECT COUNT(*) AS n FROM products'),
});

async function stockOf(sku: string) {
  const [rows] = await world.pool.query<RowDataPacket[]>(
    `SELECT l.code, i.on_hand FROM inventory i
       JOIN variants v ON v.id = i.variant_id JOIN locations l ON l.id = i.location_id
      WHERE v.sku = ? ORDER BY l.code`,
    [sku],
  );
  return Object.fromEntries(rows.map((row) => [row.code, Number(row.on_hand)]));
}

const download = (path: string, cookie: string | null = adminCookie) =>
  fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });

const trpcAs = (cookie: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url: `${server.url}/trpc`, transformer: superjson, headers: { cookie } }),
    ],
  });

const csvRecords = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url, { connectionLimit: 6 });
  redis = new Redis(inject('redisUrl'), { lazyConnect: true });
  server = await startTestServer({ db: world.db, redis });
  adminCookie = await cookieFor('admin');
  customerCookie = await cookieFor('customer');
  eastId = await world.addLocation({ code: 'EAST', name: 'East depot' });
});
afterAll(async () => {
  await server?.close();
  redis?.disconnect();
  await world?.close();
  await database?.drop();
});

describe('POST /admin/import/products', () => {
  it('refuses the anonymous (401) and customers (403), storing nothing', async () => {
    const csv = await readFile(SAMPLE, 'utf8');
    const anonymous = await upload(csv, null);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ cause: 'UNAUTHORIZED' });
    const customer = await upload(csv, customerCookie);
    expect(customer.status).toBe(403);
    expect(await customer.json()).toMatchObject({ cause: 'FORBIDDEN' });
    for (const path of Object.values(EXPORT_PATHS)) {
      expect((await download(path, null)).status, path).toBe(401);
      expect((await download(path, customerCookie)).status, path).toBe(403);
    }
    expect(await count('SELECT COUNT(*) AS n FROM catalog_imports')).toBe(0);
  });

  it('refuses a file past the limit (413) and a header it cannot run (400), saying why', async () => {
    const huge = `product_sku,sku\n${'A,B\n'.repeat(MAX_IMPORT_BYTES / 4 + 10)}`;
    const tooLarge = await upload(huge);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({
      error: 'The file is larger than the 10 MB limit',
      cause: 'IMPORT_TOO_LARGE',
    });
    const asText = await fetch(`${server.url}${IMPORT_PRODUCTS_PATH}`, {
      method: 'POST',
      body: huge,
      headers: { cookie: adminCookie, 'content-type': 'text/csv' },
    });
    expect(asText.status).toBe(413);
    const noSku = await upload('product_sku,name\nA,Lamp\n');
    expect(noSku.status).toBe(400);
    expect(await noSku.json()).toEqual({
      error: 'The file has no sku column',
      cause: 'IMPORT_INVALID',
    });
    expect(await count('SELECT COUNT(*) AS n FROM catalog_imports')).toBe(0);
  });

  it('creates products with their variants and stock at two locations, then a second import changes nothing', async () => {
    const csv = await readFile(SAMPLE, 'utf8');
    const before = await footprint();
    const first = await importFile(csv);
    expect(first.result).toMatchObject({
      status: 'done',
      total: 4,
      processed: 4,
      created: 4,
      updated: 0,
      unchanged: 0,
      failed: 0,
    });
    const after = await footprint();
    expect(after.products - before.products).toBe(2);
    expect(after.variants - before.variants).toBe(4);

    const [tee] = await world.db
      .select()
      .from(schema.products)
      .where(eq(schema.products.sku, 'TEE-LINEN'));
    expect(tee).toMatchObject({
      name: 'Linen tee',
      category: 'Apparel',
      priceCents: 2500,
      description: 'Soft, light linen.\nMachine washable, "pre-shrunk".',
    });
    const teeVariants = await world.db
      .select({
        sku: schema.variants.sku,
        title: schema.variants.title,
        price: schema.variants.priceCents,
      })
      .from(schema.variants)
      .where(eq(schema.variants.productId, tee!.id))
      .orderBy(asc(schema.variants.position));
    expect(teeVariants).toEqual([
      { sku: 'TEE-LINEN-S-WHT', title: 'S / White', price: 2500 },
      { sku: 'TEE-LINEN-M-WHT', title: 'M / White', price: 2500 },
      { sku: 'TEE-LINEN-M-BLK', title: 'M / Black', price: 2750 },
    ]);
    expect(await stockOf('TEE-LINEN-S-WHT')).toEqual({ EAST: 4, MAIN: 10 });
    expect(await stockOf('TEE-LINEN-M-BLK')).toEqual({ EAST: 5, MAIN: 5 });
    expect(await stockOf('MUG-STONE')).toEqual({ EAST: 0, MAIN: 30 });

    // The console heard it queued, running and done.
    const progress = await world.db
      .select({ payload: schema.outbox.payload })
      .from(schema.outbox)
      .where(eq(schema.outbox.topic, 'import:progress'))
      .orderBy(asc(schema.outbox.id));
    const ofFirst = progress
      .map((row) => JSON.parse(row.payload) as { id: number; status: string; processed: number })
      .filter((event) => event.id === first.importId);
    expect(ofFirst[0]).toMatchObject({ status: 'queued', processed: 0 });
    expect(ofFirst.map((e) => e.status)).toContain('running');
    expect(ofFirst.at(-1)).toMatchObject({ status: 'done', processed: 4, total: 4 });

    const again = await importFile(csv);
    expect(again.result).toMatchObject({
      status: 'done',
      total: 4,
      unchanged: 4,
      created: 0,
      updated: 0,
      failed: 0,
    });
    expect(await footprint()).toEqual(after);

    await drainOutbox(world.db);
    expect(await world.violations()).toEqual([]);
  });

  it('updates only what an edited file changes: a price, a stock figure, a new variant', async () => {
    const csv = (await readFile(SAMPLE, 'utf8'))
      .replace('TEE-LINEN-M-BLK,27.50,,5,5', 'TEE-LINEN-M-BLK,29.00,,5,7')
      .concat('TEE-LINEN,,,,Size,L,Colour,Black,,,TEE-LINEN-L-BLK,29.00,,2,2\n');
    const { importId, result } = await importFile(csv);
    expect(result).toMatchObject({ total: 5, created: 1, updated: 1, unchanged: 3, failed: 0 });
    expect(await errorsOf(importId)).toEqual([]);
    expect(await stockOf('TEE-LINEN-M-BLK')).toEqual({ EAST: 7, MAIN: 5 });
    expect(await stockOf('TEE-LINEN-L-BLK')).toEqual({ EAST: 2, MAIN: 2 });
    const [blk] = await world.db
      .select({ price: schema.variants.priceCents })
      .from(schema.variants)
      .where(eq(schema.variants.sku, 'TEE-LINEN-M-BLK'));
    expect(blk!.price).toBe(2900);
    // One adjust row (EAST 5 → 7) and the new variant's two opening rows.
    const [rows] = await world.pool.query<RowDataPacket[]>(
      'SELECT reason, delta_on_hand, note, location_id FROM stock_movements WHERE note = ? ORDER BY id',
      [`import ${importId}`],
    );
    expect(rows.map((r) => [r.reason, Number(r.delta_on_hand), r.note])).toEqual([
      ['adjust', 2, `import ${importId}`],
      ['opening', 2, `import ${importId}`],
      ['opening', 2, `import ${importId}`],
    ]);
    expect(rows[0]!.location_id).toBe(eastId);
    await drainOutbox(world.db);
    expect(await world.violations()).toEqual([]);
  });

  it('reports each bad row with its row number and why, and applies the others', async () => {
    const csv = [
      'product_sku,name,category,option1_name,option1_value,sku,price,stock:MAIN,stock:NOWHERE',
      'BAD-A,Bad A,Kitchen,,,,5.00,1,',
      'BAD-B,Bad B,Kitchen,,,BAD-B,five,1,',
      'BAD-C,Bad C,Kitchen,,,BAD-C,5.00,1,3',
      'OPT,Options,Kitchen,Size,S,OPT-S,5.00,1,',
      'OPT,,,Colour,Red,OPT-R,5.00,1,',
      'TEE-LINEN,,,Size,XL,TEE-LINEN-S-WHT,25.00,,',
      'GOOD,Good,Kitchen,,,GOOD-1,3.00,5,',
    ].join('\n');
    const { importId, result } = await importFile(csv);
    expect(result).toMatchObject({ total: 7, created: 2, failed: 5 });
    expect(await errorsOf(importId)).toEqual([
      { row: 2, sku: null, message: 'sku is blank: every row is a variant and needs its SKU' },
      { row: 3, sku: 'BAD-B', message: 'price "five" is not an amount like 12.50' },
      { row: 4, sku: 'BAD-C', message: 'Unknown location code NOWHERE (column stock:NOWHERE)' },
      {
        row: 6,
        sku: 'OPT-R',
        message: "Options don't fit product OPT: this row names Colour, its first row Size",
      },
      {
        row: 7,
        sku: 'TEE-LINEN-S-WHT',
        message: expect.stringContaining("an import does not change an existing variant's options"),
      },
    ]);
    expect(await stockOf('GOOD-1')).toEqual({ EAST: 0, MAIN: 5 });
    expect(await stockOf('OPT-S')).toEqual({ EAST: 0, MAIN: 1 });
    expect(
      await count("SELECT COUNT(*) AS n FROM variants WHERE sku IN ('BAD-B', 'BAD-C', 'OPT-R')"),
    ).toBe(0);
    // The admin's list and detail read the same figures and rows, the rows a page at a time.
    const admin = trpcAs(adminCookie);
    const list = await admin.admin.imports.list.query({ limit: 2 });
    expect(list.items[0]).toMatchObject({ id: importId, status: 'done', failed: 5, created: 2 });
    expect(list.nextCursor).not.toBeNull();
    const page1 = await admin.admin.imports.byId.query({ id: importId, errorsLimit: 3 });
    expect(page1.errors.map((e) => e.row)).toEqual([2, 3, 4]);
    const page2 = await admin.admin.imports.byId.query({
      id: importId,
      errorsLimit: 3,
      errorsCursor: page1.nextErrorsCursor,
    });
    expect(page2.errors.map((e) => e.row)).toEqual([6, 7]);
    expect(page2.nextErrorsCursor).toBeNull();
    await expect(trpcAs(customerCookie).admin.imports.list.query()).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await drainOutbox(world.db);
  });

  it('refuses, per row, stock set below what orders hold, leaving the row as it was', async () => {
    const customer = await world.addCustomer();
    const [variant] = await world.db
      .select({ id: schema.variants.id })
      .from(schema.variants)
      .where(eq(schema.variants.sku, 'MUG-STONE'));
    await placeOrder(world.db, {
      customerId: customer.id,
      customerName: customer.name,
      items: [{ variantId: variant!.id, quantity: 3 }],
      idempotencyKey: 'mug-hold',
    });
    const { importId, result } = await importFile(
      'product_sku,sku,stock:MAIN\nMUG-STONE,MUG-STONE,1\n',
    );
    expect(result).toMatchObject({ failed: 1 });
    expect(await errorsOf(importId)).toEqual([
      {
        row: 2,
        sku: 'MUG-STONE',
        message: 'stock:MAIN 1 is below what is reserved or set aside there (3)',
      },
    ]);
    expect(await stockOf('MUG-STONE')).toEqual({ EAST: 0, MAIN: 30 });
    await drainOutbox(world.db);
  });
});

describe('GET /admin/export/*.csv', () => {
  it('streams products in the import columns, and the export re-imports as a no-op', async () => {
    const response = await download(EXPORT_PATHS.products);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="products-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await response.text();
    const records = csvRecords(text);
    const variants = await count('SELECT COUNT(*) AS n FROM variants');
    expect(records).toHaveLength(variants);
    expect(records.find((r) => r.sku === 'TEE-LINEN-M-BLK')).toEqual({
      product_sku: 'TEE-LINEN',
      name: 'Linen tee',
      category: 'Apparel',
      description: 'Soft, light linen.\nMachine washable, "pre-shrunk".',
      option1_name: 'Size',
      option1_value: 'M',
      option2_name: 'Colour',
      option2_value: 'Black',
      option3_name: '',
      option3_value: '',
      sku: 'TEE-LINEN-M-BLK',
      price: '29.00',
      active: 'true',
      'stock:MAIN': '5',
      'stock:EAST': '7',
    });

    const before = await footprint();
    const { result } = await importFile(text);
    expect(result).toMatchObject({ total: variants, unchanged: variants, failed: 0 });
    expect(await footprint()).toEqual(before);
  });

  it('streams a row per variant and location with every stock figure', async () => {
    const response = await download(EXPORT_PATHS.inventory);
    expect(response.status).toBe(200);
    const records = csvRecords(await response.text());
    expect(records).toHaveLength(await count('SELECT COUNT(*) AS n FROM inventory'));
    const mug = records.find((r) => r.sku === 'MUG-STONE' && r.location === 'MAIN');
    expect(mug).toMatchObject({
      product_sku: 'MUG-STONE',
      product_name: 'Stoneware mug',
      on_hand: '30',
      reserved: '3',
      available: '27',
      incoming: '0',
      damaged: '0',
      quality_control: '0',
      safety_stock: '0',
    });
  });

  it('streams the order lines of the orders placed in the range, by day, both days included', async () => {
    const customer = await world.addCustomer();
    const skus = await world.db
      .select({ id: schema.variants.id, sku: schema.variants.sku })
      .from(schema.variants)
      .where(ne(schema.variants.sku, 'MUG-STONE'));
    const bySku = new Map(skus.map((v) => [v.sku, v.id]));
    const place = async (key: string, lines: [string, number][], at: string) => {
      const { order } = await placeOrder(world.db, {
        customerId: customer.id,
        customerName: customer.name,
        items: lines.map(([sku, quantity]) => ({ variantId: bySku.get(sku)!, quantity })),
        idempotencyKey: key,
      });
      await world.db
        .update(schema.orders)
        .set({ createdAt: new Date(at) })
        .where(eq(schema.orders.id, order.id));
      return order.id;
    };
    const early = await place('early', [['GOOD-1', 1]], '2026-01-09T23:59:59.999Z');
    const first = await place(
      'first',
      [
        ['TEE-LINEN-S-WHT', 2],
        ['GOOD-1', 1],
      ],
      '2026-01-10T00:00:00.000Z',
    );
    const last = await place('last', [['OPT-S', 1]], '2026-01-20T23:59:59.999Z');
    const late = await place('late', [['GOOD-1', 1]], '2026-01-21T00:00:00.000Z');

    const response = await download(`${EXPORT_PATHS.orders}?from=2026-01-10&to=2026-01-20`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="orders-2026-01-10-to-2026-01-20.csv"',
    );
    const records = csvRecords(await response.text());
    const ids = records.map((r) => Number(r.order_id));
    expect(ids).not.toContain(early);
    expect(ids).not.toContain(late);
    expect(records).toEqual([
      {
        order_id: String(first),
        created_at: '2026-01-10T00:00:00.000Z',
        status: 'pending',
        customer_id: String(customer.id),
        sku: 'TEE-LINEN-S-WHT',
        quantity: '2',
        unit_price: '25.00',
        line_total: '50.00',
        order_total: '53.00',
      },
      expect.objectContaining({ order_id: String(first), sku: 'GOOD-1', line_total: '3.00' }),
      expect.objectContaining({ order_id: String(last), sku: 'OPT-S', unit_price: '5.00' }),
    ]);
  });

  it('refuses a range that is not two days in order, with a clear message', async () => {
    const cases: [string, string][] = [
      ['', 'Give both from and to, as YYYY-MM-DD'],
      ['?from=2026-01-10', 'Give both from and to, as YYYY-MM-DD'],
      ['?from=2026-02-30&to=2026-03-01', 'from "2026-02-30" is not a day written YYYY-MM-DD'],
      ['?from=2026-01-10&to=10/01/2026', 'to "10/01/2026" is not a day written YYYY-MM-DD'],
      ['?from=2026-01-10&to=2026-01-09', 'to (2026-01-09) is before from (2026-01-10)'],
    ];
    for (const [query, error] of cases) {
      const response = await download(`${EXPORT_PATHS.orders}${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toEqual({ error, cause: 'INVALID_RANGE' });
    }
  });

  it('reads the export in keyset batches on an index, never a sort or an OFFSET', async () => {
    const [plan] = await world.pool.query<RowDataPacket[]>(
      `EXPLAIN SELECT id, created_at FROM orders FORCE INDEX (orders_time_idx)
        WHERE created_at >= ? AND created_at < ? AND (created_at > ? OR (created_at = ? AND id > ?))
        ORDER BY created_at, id LIMIT 1000`,
      [
        new Date('2026-01-01'),
        new Date('2026-02-01'),
        new Date('2026-01-10'),
        new Date('2026-01-10'),
        1,
      ],
    );
    expect(plan[0]).toMatchObject({ key: 'orders_time_idx', type: 'range' });
    expect(String(plan[0]!.Extra)).not.toMatch(/filesort/);
  });
});

import { connect, type DatabaseHandle } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { inTransaction } from '../db/transaction';
import { placeOrder } from '../orders/placement';
import { testCategory } from '../testing/categories';
import { drainOutbox } from '../testing/drain';
import { invariantViolations } from '../testing/world';
import { MAX_STOCK_POSITION } from './bounds';
import {
  cancelRestock,
  receiveRestock,
  requestRestock,
  requestRestockInTx,
} from './restock-lifecycle';
import { scanForRestocks } from './restock-scan';

let database: TestDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  handle = connect(database.url);
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

let nextId = 1;
/** A product with `onHand` units (an `opening` ledger row), reorder point 10, quantity 50. */
async function product(onHand: number, options: { active?: boolean; priceCents?: number } = {}) {
  const id = nextId++;
  await handle.pool.query(
    `INSERT INTO products (id, sku, name, description, category, category_id, price_cents, active)
     VALUES (?, ?, ?, '', 'Test', ?, ?, ?)`,
    [
      id,
      `SKU-${id}`,
      `Product ${id}`,
      await testCategory(handle.db, 'Test'),
      options.priceCents ?? 100,
      options.active ?? true,
    ],
  );
  // A simple product: its one variant shares its id (as migration 0010 made them).
  await handle.pool.query(
    `INSERT INTO variants (id, product_id, sku, options, price_cents) VALUES (?, ?, ?, '{}', ?)`,
    [id, id, `SKU-${id}`, options.priceCents ?? 100],
  );
  await handle.pool.query(
    `INSERT INTO inventory (variant_id, location_id, product_id, on_hand, reorder_point, reorder_quantity)
     VALUES (?, 1, ?, ?, 10, 50)`,
    [id, id, onHand],
  );
  await handle.pool.query(
    `INSERT INTO stock_movements (variant_id, location_id, delta_on_hand, reason, ref_type, actor)
     VALUES (?, 1, ?, 'opening', 'seed', 'seed')`,
    [id, onHand],
  );
  return id;
}

async function stock(productId: number) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    'SELECT on_hand, reserved, incoming FROM inventory WHERE product_id = ?',
    [productId],
  );
  return rows[0];
}

async function restocksOf(productId: number) {
  const [rows] = await handle.pool.query<RowDataPacket[]>(
    'SELECT id, quantity, status, requested_by FROM restocks WHERE product_id = ? ORDER BY id',
    [productId],
  );
  return rows;
}

/** Invariants 1–6. No relay runs here, so the outbox rows are stamped by hand first. */
async function expectInvariantsHold() {
  await drainOutbox(handle.db);
  expect(await invariantViolations(handle.pool)).toEqual([]);
}

describe('restock', () => {
  it('does not order for a product archived after the scan found it (re-checked under the lock)', async () => {
    const id = await product(2, { active: false });
    const ordered = await inTransaction(handle.db, (tx) =>
      requestRestockInTx(
        tx,
        { variantId: id, locationId: 1, quantity: 50, actor: 'scheduler' },
        { onlyIfNeeded: true },
      ),
    );
    expect(ordered).toBeNull();
    expect(await restocksOf(id)).toEqual([]);
    expect(await stock(id)).toMatchObject({ incoming: 0 });
  });

  it('orders a product under its reorder point once, even with scanners racing', async () => {
    const low = await product(5);
    const fine = await product(40);
    const archived = await product(0, { active: false });

    const results = await Promise.all(Array.from({ length: 4 }, () => scanForRestocks(handle.db)));
    expect(results.flat().filter((r) => r.productId === low)).toHaveLength(1);
    expect(await restocksOf(low)).toMatchObject([
      { quantity: 50, status: 'in_transit', requested_by: 'scheduler' },
    ]);
    expect(await restocksOf(fine)).toEqual([]);
    expect(await restocksOf(archived)).toEqual([]);
    expect(await stock(low)).toMatchObject({ on_hand: 5, incoming: 50 });

    // The open restock counts in the inventory position: the next scan orders nothing.
    expect((await scanForRestocks(handle.db)).filter((r) => r.productId === low)).toEqual([]);
    await expectInvariantsHold();
  });

  it('writes the events and the delayed receive job with the change', async () => {
    const id = await product(3);
    const restock = await requestRestock(handle.db, {
      productId: id,
      quantity: 20,
      actor: 'admin:1',
      leadTimeMs: 1_234,
    });
    const [rows] = await handle.pool.query<RowDataPacket[]>(
      'SELECT kind, topic, payload FROM outbox WHERE id > (SELECT MAX(id) - 3 FROM outbox) ORDER BY id',
    );
    expect(rows.map((row) => [row.kind, row.topic, JSON.parse(row.payload)])).toEqual([
      [
        'event',
        'restock:updated',
        expect.objectContaining({ id: restock.id, status: 'in_transit', quantity: 20 }),
      ],
      ['event', 'inventory:changed', expect.objectContaining({ productId: id, incoming: 20 })],
      [
        'job',
        'restock',
        {
          name: 'receive',
          jobId: `restock-${restock.id}`,
          data: { restockId: restock.id },
          delayMs: 1_234,
        },
      ],
    ]);
    await expectInvariantsHold();
  });

  it('receives a restock once: on_hand up, incoming down, the ledger in balance', async () => {
    const id = await product(2);
    const [restock] = (await scanForRestocks(handle.db)).filter((r) => r.productId === id);
    expect(restock).toBeDefined();
    const twice = await Promise.all([
      receiveRestock(handle.db, restock!.id),
      receiveRestock(handle.db, restock!.id),
    ]);
    expect(twice.filter((r) => r !== null)).toHaveLength(1);
    expect(await stock(id)).toMatchObject({ on_hand: 52, incoming: 0 });
    expect(await restocksOf(id)).toMatchObject([{ status: 'received' }]);
    expect(await cancelRestock(handle.db, restock!.id, 'admin:1')).toBeNull();
    await expectInvariantsHold();
  });

  it('cancels an open restock, after which its receipt does nothing', async () => {
    const id = await product(1);
    const restock = await requestRestock(handle.db, {
      productId: id,
      quantity: 7,
      actor: 'admin:1',
    });
    expect(await cancelRestock(handle.db, restock.id, 'admin:1')).toMatchObject({
      status: 'cancelled',
    });
    expect(await receiveRestock(handle.db, restock.id)).toBeNull();
    expect(await stock(id)).toMatchObject({ on_hand: 1, incoming: 0 });
    await expectInvariantsHold();
  });

  it('refuses an unknown product and a bad quantity, changing nothing', async () => {
    await expect(
      requestRestock(handle.db, { productId: 999_999, quantity: 5, actor: 'admin:1' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const id = await product(50);
    await expect(
      requestRestock(handle.db, { productId: id, quantity: 0, actor: 'admin:1' }),
    ).rejects.toThrow(RangeError);
    expect(await restocksOf(id)).toEqual([]);
  });

  it('orders nothing that would pass the most a product may hold and have on order', async () => {
    // Nearly the bound on hand, nearly all of it reserved by one real order: at or below
    // its reorder point (10), so the scan finds it, but 50 more would pass the bound.
    const near = await product(MAX_STOCK_POSITION - 10, { priceCents: 1 });
    const low = await product(3);
    const [user] = await handle.pool.query<ResultSetHeader>(
      "INSERT INTO users (email, name, password_hash) VALUES ('bulk@example.com', 'Bulk', 'x')",
    );
    await handle.pool.query('INSERT INTO customers (id) VALUES (?)', [user.insertId]);
    await placeOrder(handle.db, {
      customerId: user.insertId,
      customerName: 'Bulk',
      items: [{ productId: near, quantity: MAX_STOCK_POSITION - 15 }],
      idempotencyKey: 'bulk',
      shippingAddress: {
        name: 'B',
        line1: '1 Road',
        city: 'Oslo',
        postalCode: '0150',
        country: 'NO',
      },
    });
    const ordered = (await scanForRestocks(handle.db)).map((restock) => restock.productId);
    expect(ordered).toContain(low);
    expect(ordered).not.toContain(near);
    expect(await stock(near)).toMatchObject({ incoming: 0 });
    await expect(
      requestRestock(handle.db, { productId: near, quantity: 11, actor: 'admin:1' }),
    ).rejects.toMatchObject({ code: 'STOCK_LIMIT', details: { largestChange: 10 } });
    expect(await restocksOf(near)).toEqual([]);
    await expectInvariantsHold();
  });
});

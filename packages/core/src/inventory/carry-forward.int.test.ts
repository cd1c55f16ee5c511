import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connect,
  type DatabaseHandle,
  MIGRATIONS_FOLDER,
  migrate,
  rebuildRollups,
} from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkInvariants } from '../invariants';
import { placeOrder } from '../orders/placement';
import { transitionOrder } from '../orders/transition';

// Migration 0010 carries a shop from before variants and locations forward (DESIGN §11):
// a shop is built here as 0009 left the schema (one stock row per product), then
// migrated, then checked: every product has its default variant, all stock is at the
// default location, every line is allocated there, and the invariant check is clean.

/** The migrations folder with only 0000–0009 in its journal. */
function migrationsBeforeVariants(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sp-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx <= 9);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

let database: TestDatabase;
let handle: DatabaseHandle;
let oldMigrations: string;

/** The shop of 0009: three products, four orders in four states, a restock on its way. */
async function buildOldShop(url: string) {
  const old = connect(url, { connectionLimit: 1 });
  const q = (text: string) => old.pool.query(text);
  try {
    await q(
      "INSERT INTO users (id, email, name, password_hash, role) VALUES (1, 'a@example.com', 'Ada', 'x', 'customer')",
    );
    await q(
      "INSERT INTO customers (id, address_line1, city, postal_code, country) VALUES (1, '1 Main St', 'Springfield', '12345', 'US')",
    );
    await q(`INSERT INTO products (id, sku, name, description, category, price_cents) VALUES
      (1, 'KET-1', 'Kettle', '', 'Kitchen', 1000),
      (2, 'MUG-1', 'Mug', '', 'Kitchen', 500),
      (3, 'SPN-1', 'Spoon', '', 'Cutlery', 250)`);
    // Orders: 1 pending (2 kettles, 1 mug), 2 paid (1 mug), 3 shipped (4 spoons), 4 cancelled.
    const orders: [number, string, [number, number, number][]][] = [
      [
        1,
        'pending',
        [
          [1, 2, 1000],
          [2, 1, 500],
        ],
      ],
      [2, 'paid', [[2, 1, 500]]],
      [3, 'shipped', [[3, 4, 250]]],
      [4, 'cancelled', [[1, 5, 1000]]],
    ];
    const path: Record<string, string[]> = {
      pending: ['pending'],
      paid: ['pending', 'paid'],
      shipped: ['pending', 'paid', 'shipped'],
      cancelled: ['pending', 'cancelled'],
    };
    for (const [id, status, lines] of orders) {
      const total = lines.reduce((sum, [, quantity, price]) => sum + quantity * price, 0);
      const items = lines.reduce((sum, [, quantity]) => sum + quantity, 0);
      await q(`INSERT INTO orders (id, customer_id, status, total_cents, item_count, ship_name, ship_line1,
          ship_city, ship_postal_code, ship_country, idempotency_key, request_hash)
        VALUES (${id}, 1, '${status}', ${total}, ${items}, 'Ada', '1 Main St', 'Springfield', '12345', 'US', 'key-${id}', '${'h'.repeat(64)}')`);
      for (const [productId, quantity, price] of lines) {
        await q(
          `INSERT INTO order_details (order_id, product_id, quantity, unit_price_cents) VALUES (${id}, ${productId}, ${quantity}, ${price})`,
        );
      }
      let from = 'NULL';
      for (const to of path[status]!) {
        await q(
          `INSERT INTO order_events (order_id, from_status, to_status, actor) VALUES (${id}, ${from}, '${to}', 'test')`,
        );
        from = `'${to}'`;
      }
    }
    // 100 of each at the opening; reserved by orders 1 and 2, shipped by 3, released by 4.
    await q(`INSERT INTO inventory (product_id, on_hand, reserved, incoming) VALUES
      (1, 100, 2, 0), (2, 100, 2, 0), (3, 96, 0, 20)`);
    await q(`INSERT INTO stock_movements (product_id, delta_on_hand, delta_reserved, delta_incoming, reason, ref_type, ref_id, actor) VALUES
      (1, 100, 0, 0, 'opening', 'seed', NULL, 'seed'),
      (2, 100, 0, 0, 'opening', 'seed', NULL, 'seed'),
      (3, 100, 0, 0, 'opening', 'seed', NULL, 'seed'),
      (1, 0, 2, 0, 'reserve', 'order', 1, 'customer:1'),
      (2, 0, 1, 0, 'reserve', 'order', 1, 'customer:1'),
      (2, 0, 1, 0, 'reserve', 'order', 2, 'customer:1'),
      (3, 0, 4, 0, 'reserve', 'order', 3, 'customer:1'),
      (3, -4, -4, 0, 'ship', 'order', 3, 'admin:1'),
      (1, 0, 5, 0, 'reserve', 'order', 4, 'customer:1'),
      (1, 0, -5, 0, 'release', 'order', 4, 'customer:1'),
      (3, 0, 0, 20, 'restock_order', 'restock', 1, 'scheduler')`);
    await q(
      "INSERT INTO restocks (id, product_id, quantity, status, requested_by) VALUES (1, 3, 20, 'in_transit', 'scheduler')",
    );
  } finally {
    await old.close();
  }
}

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'), { migrate: false });
  oldMigrations = migrationsBeforeVariants();
  await migrate(database.url, { migrationsFolder: oldMigrations });
  await buildOldShop(database.url);
  await migrate(database.url);
  handle = connect(database.url);
  // The rollups of the shop as it stands (today's rebuild reads today's tables).
  await rebuildRollups(handle.pool);
});
afterAll(async () => {
  await handle?.close();
  await database?.drop();
  rmSync(oldMigrations, { recursive: true, force: true });
});

const rows = async <T>(text: string) =>
  (await handle.pool.query<RowDataPacket[]>(text))[0] as unknown as T[];

describe('migrating a shop from before variants and locations', () => {
  it('gives every product its default variant, with its id, SKU and price', async () => {
    expect(
      await rows(
        'SELECT id, product_id, sku, options, title, price_cents FROM variants ORDER BY id',
      ),
    ).toEqual([
      { id: 1, product_id: 1, sku: 'KET-1', options: '{}', title: '', price_cents: 1000 },
      { id: 2, product_id: 2, sku: 'MUG-1', options: '{}', title: '', price_cents: 500 },
      { id: 3, product_id: 3, sku: 'SPN-1', options: '{}', title: '', price_cents: 250 },
    ]);
  });

  it('moves all stock to the default location, the ledger and restocks with it', async () => {
    expect(await rows('SELECT id, code, fulfils_online FROM locations')).toEqual([
      { id: 1, code: 'MAIN', fulfils_online: 1 },
    ]);
    expect(
      await rows(
        'SELECT variant_id, location_id, product_id, on_hand, reserved, incoming, available FROM inventory ORDER BY variant_id',
      ),
    ).toEqual([
      {
        variant_id: 1,
        location_id: 1,
        product_id: 1,
        on_hand: 100,
        reserved: 2,
        incoming: 0,
        available: 98,
      },
      {
        variant_id: 2,
        location_id: 1,
        product_id: 2,
        on_hand: 100,
        reserved: 2,
        incoming: 0,
        available: 98,
      },
      {
        variant_id: 3,
        location_id: 1,
        product_id: 3,
        on_hand: 96,
        reserved: 0,
        incoming: 20,
        available: 96,
      },
    ]);
    expect(
      await rows(
        'SELECT COUNT(*) AS n FROM stock_movements WHERE location_id <> 1 OR variant_id NOT IN (1, 2, 3)',
      ),
    ).toEqual([{ n: 0 }]);
    expect(await rows('SELECT variant_id, location_id FROM restocks')).toEqual([
      { variant_id: 3, location_id: 1 },
    ]);
  });

  it('allocates every order line in full at the default location', async () => {
    expect(
      await rows(`SELECT d.order_id, d.variant_id, a.location_id, a.quantity FROM order_details d
        JOIN order_allocations a ON a.order_detail_id = d.id ORDER BY d.id`),
    ).toEqual([
      { order_id: 1, variant_id: 1, location_id: 1, quantity: 2 },
      { order_id: 1, variant_id: 2, location_id: 1, quantity: 1 },
      { order_id: 2, variant_id: 2, location_id: 1, quantity: 1 },
      { order_id: 3, variant_id: 3, location_id: 1, quantity: 4 },
      { order_id: 4, variant_id: 1, location_id: 1, quantity: 5 },
    ]);
  });

  // Migration 0016 (DESIGN §12): what the shipped order shipped, and one payment attempt
  // per order as the simulated provider would have left it.
  it('records what was shipped and each order’s payment, with the payment status it makes', async () => {
    expect(
      await rows(`SELECT d.order_id, d.shipped_quantity AS line, a.shipped_quantity AS allocation
        FROM order_details d JOIN order_allocations a ON a.order_detail_id = d.id ORDER BY d.id`),
    ).toEqual([
      { order_id: 1, line: 0, allocation: 0 },
      { order_id: 1, line: 0, allocation: 0 },
      { order_id: 2, line: 0, allocation: 0 },
      { order_id: 3, line: 4, allocation: 4 },
      { order_id: 4, line: 0, allocation: 0 },
    ]);
    expect(
      await rows(`SELECT o.id, o.payment_status, p.status, p.amount_cents, p.captured_cents
        FROM orders o JOIN payments p ON p.order_id = o.id ORDER BY o.id`),
    ).toEqual([
      {
        id: 1,
        payment_status: 'awaiting_payment',
        status: 'pending',
        amount_cents: 2500,
        captured_cents: 0,
      },
      {
        id: 2,
        payment_status: 'authorized',
        status: 'authorized',
        amount_cents: 500,
        captured_cents: 0,
      },
      {
        id: 3,
        payment_status: 'paid',
        status: 'captured',
        amount_cents: 1000,
        captured_cents: 1000,
      },
      { id: 4, payment_status: 'voided', status: 'voided', amount_cents: 5000, captured_cents: 0 },
    ]);
  });

  it('passes the invariant check in both modes, and goes on working: cancel, place, ship', async () => {
    for (const mode of ['full', 'recent'] as const) {
      expect((await checkInvariants({ pool: handle.pool }, { mode })).violations, mode).toEqual([]);
    }
    // The pending order from before releases where it was allocated; a new one places.
    await transitionOrder(handle.db, { orderId: 1, to: 'cancelled', actor: 'customer:1' });
    const { order } = await placeOrder(handle.db, {
      customerId: 1,
      customerName: 'Ada',
      items: [{ productId: 2, quantity: 3 }],
      idempotencyKey: 'after-the-migration',
    });
    await transitionOrder(handle.db, { orderId: order.id, to: 'paid', actor: 'worker' });
    await transitionOrder(handle.db, { orderId: order.id, to: 'shipped', actor: 'admin:1' });
    expect(
      await rows('SELECT variant_id, on_hand, reserved FROM inventory ORDER BY variant_id'),
    ).toEqual([
      { variant_id: 1, on_hand: 100, reserved: 0 },
      { variant_id: 2, on_hand: 97, reserved: 1 },
      { variant_id: 3, on_hand: 96, reserved: 0 },
    ]);
    const after = await checkInvariants({ pool: handle.pool }, { mode: 'full' });
    // No relay runs here: what these wrote is unpublished (7) and not folded into rollups (8).
    expect(after.violations.filter((v) => v.invariant !== 7 && v.invariant !== 8)).toEqual([]);
  });
});

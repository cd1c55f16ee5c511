import { hash, verify } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { productWords } from '../search-words';
import { DEMO_CUSTOMER, isSeeded, type SeedSummary, seed } from './index';
import { SECOND_LOCATION, VARIANT_PRODUCT_COUNT } from './variant-products';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const ADMIN = { adminEmail: 'admin@stockpulse.local', adminPassword: 'admin-secret-1' };

describe('the default seed', () => {
  let database: TestDatabase;
  let connection: Connection;
  let summary: SeedSummary;

  const rows = async <T = Record<string, unknown>>(sql: string, values?: unknown[]) => {
    const [result] = await connection.query<RowDataPacket[]>(sql, values);
    return result as T[];
  };
  const scalar = async (sql: string) => Number(Object.values((await rows(sql))[0]!)[0]);

  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseUrl'));
    expect(await isSeeded(database.url)).toBe(false);
    summary = await seed(database.url, {
      ...ADMIN,
      hashPassword: (plain) => hash(plain),
      now: NOW,
    });
    connection = await mysql.createConnection({ uri: database.url, timezone: 'Z' });
    await connection.query("SET time_zone = '+00:00'");
  });
  afterAll(async () => {
    await connection?.end();
    await database?.drop();
  });

  it('reports what it wrote, matching the tables', async () => {
    expect(summary.adminEmail).toBe('admin@stockpulse.local');
    expect(summary.demoCustomerEmail).toBe(DEMO_CUSTOMER.email);
    // The 200 asked for, and the demo's few products sold in options (variant-products.ts).
    expect(summary.counts.products).toBe(200 + VARIANT_PRODUCT_COUNT);
    expect(summary.counts.customers).toBe(50);
    expect(summary.counts.users).toBe(51);
    expect(summary.counts.orders).toBe(3000);
    for (const [table, count] of Object.entries({
      products: summary.counts.products,
      inventory: summary.counts.inventory,
      customers: summary.counts.customers,
      users: summary.counts.users,
      orders: summary.counts.orders,
      order_details: summary.counts.orderDetails,
      order_events: summary.counts.orderEvents,
      stock_movements: summary.counts.stockMovements,
      restocks: summary.counts.restocks,
      product_search_words: summary.counts.productSearchWords,
      variants: summary.counts.variants,
      order_allocations: summary.counts.orderAllocations,
      product_options: summary.counts.productOptions,
    })) {
      expect(await scalar(`SELECT COUNT(*) FROM ${table}`), table).toBe(count);
    }
    expect(await isSeeded(database.url)).toBe(true);
  });

  it("indexes every product's words for search, with its name", async () => {
    const products = await rows<{ id: number; name: string; sku: string; description: string }>(
      'SELECT id, name, sku, description FROM products',
    );
    const words = await rows<{ product_id: number; word: string; name: string }>(
      'SELECT product_id, word, name FROM product_search_words',
    );
    const byProduct = new Map<number, string[]>();
    for (const w of words) {
      const product = products.find((p) => p.id === Number(w.product_id))!;
      expect(w.name).toBe(product.name);
      byProduct.set(product.id, [...(byProduct.get(product.id) ?? []), String(w.word)]);
    }
    for (const p of products) expect(byProduct.get(p.id)?.sort()).toEqual(productWords(p).sort());
    const vocabulary = await rows<{ word: string }>('SELECT word FROM product_search_vocabulary');
    expect(vocabulary.map((v) => String(v.word)).sort()).toEqual(
      [...new Set(words.map((w) => String(w.word)))].sort(),
    );
  });

  it('has a catalog of about ten believable categories with unique SKUs and images', async () => {
    const categories = await rows<{ category: string; n: number; min: number; max: number }>(
      'SELECT category, COUNT(*) AS n, MIN(price_cents) AS min, MAX(price_cents) AS max FROM products GROUP BY category',
    );
    expect(categories.length).toBeGreaterThanOrEqual(8);
    expect(categories.length).toBeLessThanOrEqual(12);
    for (const c of categories) {
      expect(c.n).toBeGreaterThan(3);
      expect(c.min).toBeGreaterThanOrEqual(99);
      expect(c.max).toBeLessThan(100_000);
    }
    expect(await scalar('SELECT COUNT(DISTINCT sku) FROM products')).toBe(
      200 + VARIANT_PRODUCT_COUNT,
    );
    expect(await scalar('SELECT COUNT(DISTINCT sku) FROM variants')).toBe(summary.counts.variants);
    expect(
      await scalar(
        "SELECT COUNT(*) FROM products WHERE image_url <> CONCAT('/media/products/', sku, '.svg') OR image_url IS NULL",
      ),
    ).toBe(0);
    expect(await scalar('SELECT COUNT(*) FROM products WHERE CHAR_LENGTH(description) < 40')).toBe(
      0,
    );
    expect(await scalar('SELECT COUNT(*) FROM products WHERE active')).toBe(
      200 + VARIANT_PRODUCT_COUNT,
    );
  });

  it('creates the admin with role admin and no customer profile; its hash verifies', async () => {
    const [admin] = await rows<{
      id: number;
      role: string;
      password_hash: string;
      profile: number;
    }>(
      'SELECT u.id, u.role, u.password_hash, COUNT(c.id) AS profile FROM users u LEFT JOIN customers c ON c.id = u.id WHERE u.email = ? GROUP BY u.id',
      [ADMIN.adminEmail],
    );
    expect(admin?.role).toBe('admin');
    expect(admin?.profile).toBe(0);
    expect(admin?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(admin!.password_hash, ADMIN.adminPassword)).toBe(true);
    expect(await verify(admin!.password_hash, 'wrong')).toBe(false);
    expect(await scalar("SELECT COUNT(*) FROM users WHERE role = 'admin'")).toBe(1);
  });

  it('gives every customer a profile sharing its id, one shared demo hash, and a demo shopper with orders', async () => {
    expect(
      await scalar(
        "SELECT COUNT(*) FROM users u JOIN customers c ON c.id = u.id WHERE u.role = 'customer' AND c.phone IS NOT NULL AND c.address_line1 IS NOT NULL AND c.city IS NOT NULL AND c.postal_code IS NOT NULL AND c.country = 'US'",
      ),
    ).toBe(50);
    expect(
      await scalar("SELECT COUNT(DISTINCT password_hash) FROM users WHERE role = 'customer'"),
    ).toBe(1);
    const [demo] = await rows<{ id: number; password_hash: string; orders: number }>(
      'SELECT u.id, u.password_hash, (SELECT COUNT(*) FROM orders o WHERE o.customer_id = u.id) AS orders FROM users u WHERE u.email = ?',
      [DEMO_CUSTOMER.email],
    );
    expect(await verify(demo!.password_hash, DEMO_CUSTOMER.password)).toBe(true);
    expect(demo!.orders).toBeGreaterThan(0);
    expect(await scalar('SELECT COUNT(DISTINCT email) FROM users')).toBe(51);
  });

  it('places orders only within the 90 days before now, growing, busier in the evening', async () => {
    const [span] = await rows<{ first: Date; last: Date }>(
      'SELECT MIN(created_at) AS first, MAX(created_at) AS last FROM orders',
    );
    expect(span!.first.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 90 * 86_400_000);
    expect(span!.last.getTime()).toBeLessThan(NOW.getTime());
    expect(
      await scalar(`SELECT COUNT(*) FROM order_events WHERE created_at >= '2026-03-01 12:00:00'`),
    ).toBe(0);
    const firstMonth = await scalar(
      "SELECT COUNT(*) FROM orders WHERE created_at < '2025-12-31 12:00:00'",
    );
    const lastMonth = await scalar(
      "SELECT COUNT(*) FROM orders WHERE created_at >= '2026-01-30 12:00:00'",
    );
    expect(lastMonth).toBeGreaterThan(1.2 * firstMonth);
    const evening = await scalar(
      'SELECT COUNT(*) FROM orders WHERE HOUR(created_at) BETWEEN 18 AND 21',
    );
    const night = await scalar(
      'SELECT COUNT(*) FROM orders WHERE HOUR(created_at) BETWEEN 2 AND 5',
    );
    expect(evening).toBeGreaterThan(4 * night);
  });

  it('has a realistic status mix: mostly delivered, ~7% cancelled, a few recent paid and shipped, none pending', async () => {
    const mix = Object.fromEntries(
      (
        await rows<{ status: string; n: number }>(
          'SELECT status, COUNT(*) AS n FROM orders GROUP BY status',
        )
      ).map((r) => [r.status, r.n]),
    );
    expect(mix.pending).toBeUndefined();
    expect(mix.delivered).toBeGreaterThan(0.85 * 3000);
    expect(mix.cancelled).toBeGreaterThan(0.04 * 3000);
    expect(mix.cancelled).toBeLessThan(0.1 * 3000);
    expect(mix.paid).toBeGreaterThan(0);
    expect(mix.paid).toBeLessThan(0.05 * 3000);
    expect(mix.shipped).toBeGreaterThan(0);
    expect(mix.shipped).toBeLessThan(0.05 * 3000);
    expect(
      await scalar(
        "SELECT COUNT(*) FROM orders WHERE status IN ('paid', 'shipped') AND created_at < '2026-02-25 12:00:00'",
      ),
    ).toBe(0);
    const reasons = await rows<{ cancel_reason: string }>(
      "SELECT DISTINCT cancel_reason FROM orders WHERE status = 'cancelled'",
    );
    expect(reasons.map((r) => r.cancel_reason)).toEqual(
      expect.arrayContaining(['customer_request', 'payment_failed']),
    );
    expect(
      await scalar(
        "SELECT COUNT(*) FROM orders WHERE (status = 'cancelled') <> (cancel_reason IS NOT NULL)",
      ),
    ).toBe(0);
    expect(await scalar('SELECT COUNT(*) FROM outbox')).toBe(0);
    expect(await scalar('SELECT COUNT(*) FROM sessions')).toBe(0);
  });

  it('gives every order 1–4 lines at the product price, a snapshot address, and unique keys', async () => {
    const [lines] = await rows<{ least: number; most: number }>(
      'SELECT MIN(n) AS least, MAX(n) AS most FROM (SELECT COUNT(*) AS n FROM order_details GROUP BY order_id) x',
    );
    expect(lines).toEqual({ least: 1, most: 4 });
    expect(await scalar('SELECT COUNT(DISTINCT order_id) FROM order_details')).toBe(3000);
    expect(
      await scalar(
        'SELECT COUNT(*) FROM order_details d JOIN products p ON p.id = d.product_id WHERE d.unit_price_cents <> p.price_cents',
      ),
    ).toBe(0);
    expect(
      await scalar(
        'SELECT COUNT(*) FROM orders o JOIN users u ON u.id = o.customer_id JOIN customers c ON c.id = o.customer_id WHERE o.ship_name <> u.name OR o.ship_line1 <> c.address_line1 OR o.ship_city <> c.city OR o.ship_postal_code <> c.postal_code',
      ),
    ).toBe(0);
    expect(await scalar('SELECT COUNT(DISTINCT idempotency_key) FROM orders')).toBe(3000);
    expect(
      await scalar("SELECT COUNT(*) FROM orders WHERE request_hash NOT REGEXP '^[0-9a-f]{64}$'"),
    ).toBe(0);
    // Popular products sell far more than the median one (Zipf-like demand).
    const sold = (
      await rows<{ units: number }>(
        'SELECT SUM(quantity) AS units FROM order_details GROUP BY product_id ORDER BY units DESC',
      )
    ).map((r) => Number(r.units));
    expect(sold[0]!).toBeGreaterThan(5 * sold[Math.floor(sold.length / 2)]!);
  });

  it('records each order’s history in order: NULL→pending first, increasing times', async () => {
    expect(
      await scalar(
        "SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.from_status IS NULL AND e.to_status = 'pending' AND e.created_at = o.created_at)",
      ),
    ).toBe(0);
    expect(
      await scalar(
        'SELECT COUNT(*) FROM (SELECT created_at, LAG(created_at) OVER (PARTITION BY order_id ORDER BY id) AS previous FROM order_events) e WHERE e.created_at < e.previous',
      ),
    ).toBe(0);
    expect(
      await scalar(
        'SELECT COUNT(*) FROM orders o WHERE o.updated_at <> (SELECT MAX(e.created_at) FROM order_events e WHERE e.order_id = o.id)',
      ),
    ).toBe(0);
  });

  it('leaves most products comfortably stocked, some at or under their reorder point, a few sold out', async () => {
    const low = await scalar(
      'SELECT COUNT(*) FROM inventory WHERE location_id = 1 AND product_id <= 200 AND available + incoming <= reorder_point',
    );
    expect(low).toBeGreaterThanOrEqual(3);
    expect(low).toBeLessThanOrEqual(30);
    expect(
      await scalar('SELECT COUNT(*) FROM inventory WHERE location_id = 1 AND available = 0'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      await scalar(
        'SELECT COUNT(*) FROM inventory WHERE location_id = 1 AND available > reorder_point',
      ),
    ).toBeGreaterThan(150);
    expect(
      await scalar("SELECT COUNT(*) FROM restocks WHERE status = 'in_transit'"),
    ).toBeGreaterThan(0);
    expect(await scalar("SELECT COUNT(*) FROM restocks WHERE status = 'received'")).toBeGreaterThan(
      0,
    );
    expect(
      await scalar(
        'SELECT COUNT(*) FROM inventory WHERE reorder_point < 0 OR reorder_quantity <= 0 OR version < 1',
      ),
    ).toBe(0);
    expect(
      await scalar(
        "SELECT COUNT(*) FROM inventory i WHERE i.location_id = 1 AND (SELECT COUNT(*) FROM stock_movements m WHERE m.variant_id = i.variant_id AND m.location_id = 1 AND m.reason = 'opening' AND m.created_at = '2025-12-01 12:00:00') <> 1",
      ),
    ).toBe(0);
  });

  it('satisfies the invariants of DESIGN §4', async () => {
    // 1. 0 ≤ reserved ≤ on_hand
    expect(
      await scalar(
        'SELECT COUNT(*) FROM inventory WHERE reserved < 0 OR reserved > on_hand OR incoming < 0',
      ),
    ).toBe(0);
    // 2. the inventory row is the sum of its ledger
    expect(
      await scalar(
        `SELECT COUNT(*) FROM inventory i LEFT JOIN (
           SELECT variant_id, location_id, SUM(delta_on_hand) AS h, SUM(delta_reserved) AS r, SUM(delta_incoming) AS n
           FROM stock_movements GROUP BY variant_id, location_id) l
           ON l.variant_id = i.variant_id AND l.location_id = i.location_id
         WHERE i.on_hand <> COALESCE(l.h, 0) OR i.reserved <> COALESCE(l.r, 0) OR i.incoming <> COALESCE(l.n, 0)`,
      ),
    ).toBe(0);
    // 3. reserved = the lines of pending and paid orders
    expect(
      await scalar(
        `SELECT COUNT(*) FROM inventory i LEFT JOIN (
           SELECT d.variant_id, a.location_id, SUM(a.quantity) AS q FROM orders o
           JOIN order_details d ON d.order_id = o.id JOIN order_allocations a ON a.order_detail_id = d.id
           WHERE o.status IN ('pending', 'paid') GROUP BY d.variant_id, a.location_id) r
           ON r.variant_id = i.variant_id AND r.location_id = i.location_id
         WHERE i.reserved <> COALESCE(r.q, 0)`,
      ),
    ).toBe(0);
    expect(await scalar('SELECT SUM(reserved) FROM inventory')).toBeGreaterThan(0);
    // 4. incoming = open restocks
    expect(
      await scalar(
        `SELECT COUNT(*) FROM inventory i LEFT JOIN (
           SELECT variant_id, location_id, SUM(quantity) AS q FROM restocks WHERE status IN ('requested', 'in_transit')
           GROUP BY variant_id, location_id) s ON s.variant_id = i.variant_id AND s.location_id = i.location_id
         WHERE i.incoming <> COALESCE(s.q, 0)`,
      ),
    ).toBe(0);
    // 5. totals and item counts
    expect(
      await scalar(
        `SELECT COUNT(*) FROM orders o JOIN (
           SELECT order_id, SUM(quantity * unit_price_cents) AS t, SUM(quantity) AS q FROM order_details GROUP BY order_id
         ) d ON d.order_id = o.id WHERE o.total_cents <> d.t OR o.item_count <> d.q`,
      ),
    ).toBe(0);
    // 6. every status change has its event, chained, the last one matching the status
    expect(
      await scalar(
        `SELECT COUNT(*) FROM (SELECT from_status, LAG(to_status) OVER (PARTITION BY order_id ORDER BY id) AS prev
         FROM order_events) e WHERE NOT (e.from_status <=> e.prev)`,
      ),
    ).toBe(0);
    expect(
      await scalar(
        `SELECT COUNT(*) FROM orders o JOIN order_events e ON e.order_id = o.id
         WHERE e.id = (SELECT MAX(id) FROM order_events x WHERE x.order_id = o.id) AND e.to_status <> o.status`,
      ),
    ).toBe(0);
  });

  it('has a second location and products sold in options, stocked in both places', async () => {
    expect(await scalar('SELECT COUNT(*) FROM locations WHERE active AND fulfils_online')).toBe(2);
    expect(
      await scalar(
        `SELECT COUNT(*) FROM locations WHERE id = ${SECOND_LOCATION.id} AND code = '${SECOND_LOCATION.code}'`,
      ),
    ).toBe(1);
    // Every variant has a row at both locations.
    expect(await scalar('SELECT COUNT(*) FROM inventory')).toBe(
      2 * Number(await scalar('SELECT COUNT(*) FROM variants')),
    );
    const withOptions = await rows<{ product_id: number; variants: number; title: string }>(
      `SELECT v.product_id, COUNT(*) AS variants, MIN(v.title) AS title FROM variants v
       WHERE v.title <> '' GROUP BY v.product_id`,
    );
    expect(withOptions).toHaveLength(VARIANT_PRODUCT_COUNT);
    for (const p of withOptions) expect(Number(p.variants)).toBeGreaterThan(1);
    // Some variant stock is only at the second location, and some variant is sold out.
    expect(
      await scalar(
        `SELECT COUNT(*) FROM inventory i JOIN variants v ON v.id = i.variant_id
         WHERE v.title <> '' AND i.location_id = ${SECOND_LOCATION.id} AND i.on_hand > 0`,
      ),
    ).toBeGreaterThan(0);
    // A default variant per history product, sharing its id and SKU.
    expect(
      await scalar(
        `SELECT COUNT(*) FROM products p JOIN variants v ON v.id = p.id
         WHERE v.product_id = p.id AND v.sku = p.sku AND v.title = ''`,
      ),
    ).toBe(200);
    // Every order line is allocated in full, at the main warehouse.
    expect(
      await scalar(
        `SELECT COUNT(*) FROM order_details d LEFT JOIN order_allocations a ON a.order_detail_id = d.id
         WHERE a.quantity IS NULL OR a.quantity <> d.quantity OR a.location_id <> 1`,
      ),
    ).toBe(0);
  });

  it('keeps the history plausible: stock is never negative at any moment of the ledger', async () => {
    expect(
      await scalar(
        `SELECT COUNT(*) FROM (
           SELECT SUM(delta_on_hand) OVER w AS on_hand, SUM(delta_on_hand - delta_reserved) OVER w AS available
           FROM stock_movements WINDOW w AS (PARTITION BY variant_id, location_id ORDER BY created_at, id)) t
         WHERE t.on_hand < 0 OR t.available < 0`,
      ),
    ).toBe(0);
    // Every ledger row points at what caused it.
    expect(
      await scalar(
        "SELECT COUNT(*) FROM stock_movements m LEFT JOIN orders o ON o.id = m.ref_id WHERE m.ref_type = 'order' AND o.id IS NULL",
      ),
    ).toBe(0);
    expect(
      await scalar(
        "SELECT COUNT(*) FROM stock_movements m LEFT JOIN restocks r ON r.id = m.ref_id AND r.variant_id = m.variant_id WHERE m.ref_type = 'restock' AND r.id IS NULL",
      ),
    ).toBe(0);
  });

  it('refuses to seed a database that already has data, and leaves it alone', async () => {
    await expect(
      seed(database.url, { ...ADMIN, hashPassword: (plain) => hash(plain), now: NOW }),
    ).rejects.toThrow(
      /Refusing to seed database "sp_test_\w+": it already has data \(users, customers, categories, products/,
    );
    expect(await scalar('SELECT COUNT(*) FROM orders')).toBe(3000);
  });
});

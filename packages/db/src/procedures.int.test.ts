import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool } from './client';
import { callSalesReport } from './procedures';

// A small world whose answers are worked out by hand below.
//   products: 1 Kettle (1000¢), 2 Mug (500¢), 3 Spoon (250¢)
//   order  placed (UTC)               status     lines                 total  units
//   1      2026-01-01 10:15           delivered  1×2@1000, 2×1@500     2500   3
//   2      2026-01-01 10:45           paid       1×1@1000              1000   1
//   3      2026-01-01 11:05           shipped    3×4@250               1000   4
//   4      2026-01-01 11:30           cancelled  1×5@1000              5000   5   (no revenue)
//   5      2026-01-02 09:00           delivered  2×2@500               1000   2
//   6      2026-01-03 00:00           delivered  1×1@1000              1000   1   (at `to`: out)
//   7      2025-12-31 23:59:59.999    delivered  1×1@1000              1000   1   (before `from`)
//   8      2026-01-01 12:00           pending    2×1@500                500   1   (no revenue)
const ORDERS: [number, string, string, [number, number, number][]][] = [
  [
    1,
    '2026-01-01 10:15:00',
    'delivered',
    [
      [1, 2, 1000],
      [2, 1, 500],
    ],
  ],
  [2, '2026-01-01 10:45:00', 'paid', [[1, 1, 1000]]],
  [3, '2026-01-01 11:05:00', 'shipped', [[3, 4, 250]]],
  [4, '2026-01-01 11:30:00', 'cancelled', [[1, 5, 1000]]],
  [5, '2026-01-02 09:00:00', 'delivered', [[2, 2, 500]]],
  [6, '2026-01-03 00:00:00', 'delivered', [[1, 1, 1000]]],
  [7, '2025-12-31 23:59:59.999', 'delivered', [[1, 1, 1000]]],
  [8, '2026-01-01 12:00:00', 'pending', [[2, 1, 500]]],
];
const PATHS: Record<string, string[]> = {
  pending: ['pending'],
  paid: ['pending', 'paid'],
  shipped: ['pending', 'paid', 'shipped'],
  delivered: ['pending', 'paid', 'shipped', 'delivered'],
  cancelled: ['pending', 'cancelled'],
};

async function insertFixture(pool: Pool) {
  await pool.query(
    "INSERT INTO users (id, email, name, password_hash, role) VALUES (1, 'a@example.com', 'Ada', 'x', 'customer')",
  );
  await pool.query('INSERT INTO customers (id) VALUES (1)');
  await pool.query(
    `INSERT INTO products (id, sku, name, description, category, price_cents) VALUES
     (1, 'KET-1', 'Kettle', '', 'Kitchen', 1000),
     (2, 'MUG-1', 'Mug', '', 'Kitchen', 500),
     (3, 'SPN-1', 'Spoon', '', 'Kitchen', 250)`,
  );
  await pool.query(
    `INSERT INTO variants (id, product_id, sku, options, price_cents) VALUES
     (1, 1, 'KET-1', '{}', 1000), (2, 2, 'MUG-1', '{}', 500), (3, 3, 'SPN-1', '{}', 250)`,
  );
  for (const [id, placedAt, status, lines] of ORDERS) {
    const total = lines.reduce((sum, [, q, price]) => sum + q * price, 0);
    const items = lines.reduce((sum, [, q]) => sum + q, 0);
    await pool.query(
      `INSERT INTO orders (id, customer_id, status, total_cents, item_count, ship_name, ship_line1,
         ship_city, ship_postal_code, ship_country, idempotency_key, request_hash, created_at)
       VALUES (?, 1, ?, ?, ?, 'Ada', '1 Main St', 'Springfield', '12345', 'US', ?, ?, ?)`,
      [id, status, total, items, `key-${id}`, 'h'.repeat(64), placedAt],
    );
    for (const [productId, quantity, price] of lines) {
      await pool.query(
        'INSERT INTO order_details (order_id, product_id, variant_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?, ?)',
        [id, productId, productId, quantity, price],
      );
    }
    let from: string | null = null;
    for (const to of PATHS[status]!) {
      await pool.query(
        "INSERT INTO order_events (order_id, from_status, to_status, actor) VALUES (?, ?, ?, 'test')",
        [id, from, to],
      );
      from = to;
    }
  }
}

const utc = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);

describe('stored procedures', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseUrl'));
    pool = createPool(database.url, { connectionLimit: 2 });
    await insertFixture(pool);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  describe('sales_report', () => {
    const range = { from: utc('2026-01-01 00:00:00'), to: utc('2026-01-03 00:00:00') };

    it('buckets paid, shipped and delivered orders by hour, in UTC', async () => {
      const report = await callSalesReport(pool, { ...range, bucket: 'hour', top: 10 });
      expect(report.series).toEqual([
        { bucketStart: utc('2026-01-01 10:00:00'), orders: 2, revenueCents: 3500, units: 4 },
        { bucketStart: utc('2026-01-01 11:00:00'), orders: 1, revenueCents: 1000, units: 4 },
        { bucketStart: utc('2026-01-02 09:00:00'), orders: 1, revenueCents: 1000, units: 2 },
      ]);
    });

    it('buckets by day, with totals and the average order', async () => {
      const report = await callSalesReport(pool, { ...range, bucket: 'day', top: 10 });
      expect(report.series).toEqual([
        { bucketStart: utc('2026-01-01 00:00:00'), orders: 3, revenueCents: 4500, units: 8 },
        { bucketStart: utc('2026-01-02 00:00:00'), orders: 1, revenueCents: 1000, units: 2 },
      ]);
      expect(report.totals).toEqual({
        orders: 4,
        revenueCents: 5500,
        units: 10,
        averageOrderCents: 1375,
        cancelledOrders: 1,
      });
    });

    it('ranks the top products by revenue and honours the limit', async () => {
      const report = await callSalesReport(pool, { ...range, bucket: 'day', top: 2 });
      expect(report.topProducts).toEqual([
        { productId: 1, sku: 'KET-1', name: 'Kettle', units: 3, revenueCents: 3000 },
        { productId: 2, sku: 'MUG-1', name: 'Mug', units: 3, revenueCents: 1500 },
      ]);
    });

    it('answers an empty range with zero totals', async () => {
      const report = await callSalesReport(pool, {
        from: utc('2030-01-01 00:00:00'),
        to: utc('2030-01-02 00:00:00'),
        bucket: 'hour',
        top: 5,
      });
      expect(report).toEqual({
        series: [],
        totals: { orders: 0, revenueCents: 0, units: 0, averageOrderCents: 0, cancelledOrders: 0 },
        topProducts: [],
      });
    });

    it('rejects a bad bucket or an inverted range by name', async () => {
      await expect(
        pool.query('CALL sales_report(?, ?, ?, ?)', [range.from, range.to, 'week', 5]),
      ).rejects.toThrow(/bucket must be hour or day/);
      await expect(
        callSalesReport(pool, { from: range.to, to: range.from, bucket: 'day', top: 5 }),
      ).rejects.toThrow(/from must be before to/);
    });
  });
});

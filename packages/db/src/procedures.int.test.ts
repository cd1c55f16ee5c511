import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool } from './client';
import { callInventoryCheck, callSalesReport } from './procedures';

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
        'INSERT INTO order_details (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)',
        [id, productId, quantity, price],
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
  // Stock that agrees with all of the above: 100 of each on hand at the opening; order
  // lines reserve, shipped and delivered ones consume, the cancelled one released.
  // Open (pending/paid) lines: product 1 ×1 (order 2), product 2 ×1 (order 8).
  // Shipped/delivered: product 1: 2+1+1 = 4, product 2: 1+2 = 3, product 3: 4.
  await pool.query(
    `INSERT INTO inventory (product_id, on_hand, reserved, incoming) VALUES
     (1, 96, 1, 0), (2, 97, 1, 0), (3, 96, 0, 20)`,
  );
  await pool.query(
    `INSERT INTO stock_movements (product_id, delta_on_hand, delta_reserved, delta_incoming, reason, ref_type, actor) VALUES
     (1, 100, 0, 0, 'opening', 'seed', 'test'), (1, -4, 1, 0, 'ship', 'order', 'test'),
     (2, 100, 0, 0, 'opening', 'seed', 'test'), (2, -3, 1, 0, 'ship', 'order', 'test'),
     (3, 100, 0, 0, 'opening', 'seed', 'test'), (3, -4, 0, 0, 'ship', 'order', 'test'),
     (3, 0, 0, 20, 'restock_order', 'restock', 'test')`,
  );
  await pool.query(
    "INSERT INTO restocks (id, product_id, quantity, status, requested_by) VALUES (1, 3, 20, 'in_transit', 'test')",
  );
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

  describe('inventory_check', () => {
    it('finds nothing wrong in a consistent world', async () => {
      expect(await callInventoryCheck(pool)).toEqual([]);
    });

    // Each break runs in a transaction that is rolled back: the CALL on the same
    // connection sees the uncommitted change, and the fixture stays clean.
    async function violationsAfter(breakIt: (c: PoolConnection) => Promise<unknown>) {
      const connection = await pool.getConnection();
      try {
        await connection.beginTransaction();
        await breakIt(connection);
        const [sets] = await connection.query('CALL inventory_check()');
        return (sets as Record<string, unknown>[][])[0]!.map((row) => [
          Number(row.invariant),
          row.entity,
          Number(row.entity_id),
        ]);
      } finally {
        await connection.rollback();
        connection.release();
      }
    }

    it.each([
      [
        'on_hand drifting from the ledger (2)',
        'UPDATE inventory SET on_hand = on_hand + 1 WHERE product_id = 1',
        [[2, 'product', 1]],
      ],
      [
        'a reservation with no open order behind it (3)',
        `UPDATE inventory SET reserved = reserved + 1 WHERE product_id = 3;
         INSERT INTO stock_movements (product_id, delta_reserved, reason, ref_type, actor) VALUES (3, 1, 'reserve', 'admin', 't')`,
        [[3, 'product', 3]],
      ],
      [
        'incoming that no open restock explains (4)',
        'UPDATE restocks SET quantity = 25 WHERE id = 1',
        [[4, 'product', 3]],
      ],
      [
        'an order total that is not the sum of its lines (5)',
        'UPDATE orders SET total_cents = total_cents + 1 WHERE id = 5',
        [[5, 'order', 5]],
      ],
      [
        'a status change without its event (6)',
        "UPDATE orders SET status = 'paid' WHERE id = 8",
        [[6, 'order', 8]],
      ],
      [
        'a gap in the status history (6)',
        "DELETE FROM order_events WHERE order_id = 3 AND to_status = 'paid'",
        [[6, 'order', 3]],
      ],
      [
        'an outbox row left unpublished (7)',
        "INSERT INTO outbox (id, kind, topic, payload, created_at) VALUES (9, 'event', 'order:created', '{}', UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE)",
        [[7, 'outbox', 9]],
      ],
    ])('reports %s', async (_name, statements, expected) => {
      const violations = await violationsAfter(async (connection) => {
        for (const statement of statements.split(';')) await connection.query(statement);
      });
      expect(violations).toEqual(expected);
    });

    it('does not report an outbox row still within its few seconds', async () => {
      const violations = await violationsAfter((c) =>
        c.query(
          "INSERT INTO outbox (kind, topic, payload) VALUES ('event', 'order:created', '{}')",
        ),
      );
      expect(violations).toEqual([]);
    });

    it('reports reserved above on_hand (1), which the CHECK constraint otherwise stops', async () => {
      // The table's CHECK makes this state unreachable; drop it (DDL, so outside the
      // rolled-back transaction) in this test's own database to see the check catch it.
      await expect(
        pool.query('UPDATE inventory SET reserved = on_hand + 1 WHERE product_id = 2'),
      ).rejects.toThrow(/inventory_stock_bounds/);
      await pool.query('ALTER TABLE inventory DROP CONSTRAINT inventory_stock_bounds');
      const violations = await violationsAfter((c) =>
        c.query('UPDATE inventory SET reserved = on_hand + 1 WHERE product_id = 2'),
      );
      expect(violations).toEqual(
        expect.arrayContaining([
          [1, 'product', 2],
          [2, 'product', 2],
          [3, 'product', 2],
        ]),
      );
      expect(violations.every(([, , id]) => id === 2)).toBe(true);
    });
  });
});

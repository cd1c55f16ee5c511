import { createPool, rebuildRollups } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type CheckMode, checkInvariants } from './check';
import { firstIdSince } from './scope';
import { queryOn } from './snapshot';

// A small world whose every figure is worked out by hand, then broken one invariant at a
// time; each break must be found by both modes (a break made now is in recent's window).
//   products: 1 Kettle (1000¢), 2 Mug (500¢), 3 Spoon (250¢)
//   order  status     lines                 total  units
//   1      delivered  1×2@1000, 2×1@500     2500   3
//   2      paid       1×1@1000              1000   1
//   3      shipped    3×4@250               1000   4
//   4      cancelled  1×5@1000              5000   5
//   5      delivered  2×2@500               1000   2
//   8      pending    2×1@500                500   1
const ORDERS: [number, string, [number, number, number][]][] = [
  [
    1,
    'delivered',
    [
      [1, 2, 1000],
      [2, 1, 500],
    ],
  ],
  [2, 'paid', [[1, 1, 1000]]],
  [3, 'shipped', [[3, 4, 250]]],
  [4, 'cancelled', [[1, 5, 1000]]],
  [5, 'delivered', [[2, 2, 500]]],
  [8, 'pending', [[2, 1, 500]]],
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
  await pool.query("INSERT INTO categories (id, name, slug) VALUES (1, 'Kitchen', 'kitchen')");
  await pool.query(
    `INSERT INTO products (id, sku, name, description, category, category_id, price_cents) VALUES
     (1, 'KET-1', 'Kettle', '', 'Kitchen', 1, 1000),
     (2, 'MUG-1', 'Mug', '', 'Kitchen', 1, 500),
     (3, 'SPN-1', 'Spoon', '', 'Kitchen', 1, 250)`,
  );
  // Simple products: each one variant with the product's id, all stock at location 1.
  await pool.query(
    `INSERT INTO variants (id, product_id, sku, options, price_cents) VALUES
     (1, 1, 'KET-1', '{}', 1000), (2, 2, 'MUG-1', '{}', 500), (3, 3, 'SPN-1', '{}', 250)`,
  );
  for (const [id, status, lines] of ORDERS) {
    const total = lines.reduce((sum, [, q, price]) => sum + q * price, 0);
    const items = lines.reduce((sum, [, q]) => sum + q, 0);
    await pool.query(
      `INSERT INTO orders (id, customer_id, status, total_cents, item_count, ship_name, ship_line1,
         ship_city, ship_postal_code, ship_country, idempotency_key, request_hash)
       VALUES (?, 1, ?, ?, ?, 'Ada', '1 Main St', 'Springfield', '12345', 'US', ?, ?)`,
      [id, status, total, items, `key-${id}`, 'h'.repeat(64)],
    );
    for (const [productId, quantity, price] of lines) {
      const [detail] = (await pool.query(
        'INSERT INTO order_details (order_id, product_id, variant_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?, ?)',
        [id, productId, productId, quantity, price],
      )) as unknown as [{ insertId: number }];
      await pool.query(
        'INSERT INTO order_allocations (order_detail_id, location_id, quantity) VALUES (?, 1, ?)',
        [detail.insertId, quantity],
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
  // 100 of each on hand at the opening; shipped and delivered lines consumed theirs,
  // open ones (pending, paid) reserve: product 1 ×1 (order 2), product 2 ×1 (order 8).
  // Shipped/delivered: product 1: 2, product 2: 1 + 2 = 3, product 3: 4. 20 Spoons coming.
  await pool.query(
    `INSERT INTO inventory (variant_id, location_id, product_id, on_hand, reserved, incoming) VALUES
     (1, 1, 1, 98, 1, 0), (2, 1, 2, 97, 1, 0), (3, 1, 3, 96, 0, 20)`,
  );
  await pool.query(
    `INSERT INTO stock_movements (variant_id, location_id, delta_on_hand, delta_reserved, delta_incoming, reason, ref_type, actor) VALUES
     (1, 1, 100, 0, 0, 'opening', 'seed', 'test'), (1, 1, -2, 1, 0, 'ship', 'order', 'test'),
     (2, 1, 100, 0, 0, 'opening', 'seed', 'test'), (2, 1, -3, 1, 0, 'ship', 'order', 'test'),
     (3, 1, 100, 0, 0, 'opening', 'seed', 'test'), (3, 1, -4, 0, 0, 'ship', 'order', 'test'),
     (3, 1, 0, 0, 20, 'restock_order', 'restock', 'test')`,
  );
  await pool.query(
    "INSERT INTO restocks (id, product_id, variant_id, location_id, quantity, status, requested_by) VALUES (1, 3, 3, 1, 20, 'in_transit', 'test')",
  );
  // The sales rollups as the relay would have folded these orders (invariant 8).
  await rebuildRollups(pool);
}

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  pool = createPool(database.url, { connectionLimit: 4 });
  await insertFixture(pool);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const MODES: CheckMode[] = ['full', 'recent'];
// Invariant 8 (the sales rollups) has its own breaks in core/reports/check.int.test.ts;
// here it would also, rightly, flag every break that changes an order's status or total.
const found = (violations: { invariant: number; entity: string; entityId: number }[]) =>
  violations.filter((v) => v.invariant !== 8).map((v) => [v.invariant, v.entity, v.entityId]);

/**
 * Runs `breakIt` in a transaction that is rolled back, and the check on that same
 * connection meanwhile: it sees the uncommitted break; the fixture stays clean.
 */
async function foundAfter(
  mode: CheckMode,
  breakIt: (c: PoolConnection) => Promise<unknown>,
  options: { since?: Date } = {},
) {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    await breakIt(connection);
    return found((await checkInvariants({ connection }, { mode, ...options })).violations);
  } finally {
    await connection.rollback();
    connection.release();
  }
}

describe.each(MODES)('the invariant check, %s mode', (mode) => {
  it('finds nothing wrong in a consistent world, on a pool or on one connection', async () => {
    const result = await checkInvariants({ pool }, { mode });
    expect(result).toMatchObject({ ok: true, mode, violations: [] });
    expect(result.invariants.map((i) => i.invariant)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20, 21, 30, 31, 32,
    ]);
    expect(await foundAfter(mode, async () => {})).toEqual([]);
    if (mode === 'recent') {
      // Everything above was written just now: the window holds it all.
      expect(result.scope).toMatchObject({ variants: 3, orders: ORDERS.length });
    }
  });

  it.each([
    [
      'on_hand drifting from the ledger (2)',
      'UPDATE inventory SET on_hand = on_hand + 1 WHERE variant_id = 1',
      [[2, 'variant', 1]],
    ],
    [
      'a ledger row the stock never saw (2)',
      "INSERT INTO stock_movements (variant_id, location_id, delta_on_hand, reason, ref_type, actor) VALUES (2, 1, 5, 'adjust', 'admin', 't')",
      [[2, 'variant', 2]],
    ],
    [
      'a reservation with no open order behind it (3)',
      `UPDATE inventory SET reserved = reserved + 1 WHERE variant_id = 3;
       INSERT INTO stock_movements (variant_id, location_id, delta_reserved, reason, ref_type, actor) VALUES (3, 1, 1, 'reserve', 'admin', 't')`,
      [[3, 'variant', 3]],
    ],
    [
      'an order cancelled without releasing its reservation (3)',
      `UPDATE orders SET status = 'cancelled' WHERE id = 8;
       INSERT INTO order_events (order_id, from_status, to_status, actor) VALUES (8, 'pending', 'cancelled', 't')`,
      [[3, 'variant', 2]],
    ],
    [
      'incoming that no open restock explains (4)',
      'UPDATE restocks SET quantity = 25 WHERE id = 1',
      [[4, 'variant', 3]],
    ],
    [
      'an order total that is not the sum of its lines (5)',
      'UPDATE orders SET total_cents = total_cents + 1 WHERE id = 5',
      [[5, 'order', 5]],
    ],
    [
      'a payment refunded past its succeeded refunds, its order not saying so (12, 13)',
      `INSERT INTO payments (order_id, provider, method_token, brand, last4, status, amount_cents, captured_cents, refunded_cents)
       VALUES (5, 'simulated', 'tok_legacy', 'visa', '4242', 'captured', 1000, 1000, 10)`,
      [
        [12, 'order', 5],
        [13, 'order', 5],
      ],
    ],
    [
      'a payment status its latest attempt does not say (13)',
      "UPDATE orders SET payment_status = 'paid' WHERE id = 5",
      [[13, 'order', 5]],
    ],
    [
      'an order without lines (5)',
      'DELETE FROM order_details WHERE order_id = 3',
      [[5, 'order', 3]],
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
      'a history that does not start from nothing (6)',
      "UPDATE order_events SET from_status = 'paid' WHERE order_id = 2 AND to_status = 'pending'",
      [[6, 'order', 2]],
    ],
    [
      'damaged stock the ledger never set aside (2)',
      'UPDATE inventory SET damaged = 2 WHERE variant_id = 1',
      [[2, 'variant', 1]],
    ],
    [
      'incoming that a transfer in transit does not explain (4)',
      `INSERT INTO locations (id, name, code, country) VALUES (7, 'Shop', 'SHOP7', 'US');
       INSERT INTO inventory (variant_id, location_id, product_id) VALUES (1, 7, 1);
       INSERT INTO transfers (id, from_location_id, to_location_id, status, created_by) VALUES (1, 1, 7, 'in_transit', 't');
       INSERT INTO transfer_lines (transfer_id, variant_id, quantity) VALUES (1, 1, 3)`,
      [[4, 'variant', 1]],
    ],
    [
      'an order line allocated short (9)',
      'UPDATE order_allocations a JOIN order_details d ON d.id = a.order_detail_id SET a.quantity = a.quantity + 1 WHERE d.order_id = 5',
      [[9, 'order', 5]],
    ],
    [
      'a line whose variant is of another product (9)',
      'UPDATE order_details SET product_id = 3 WHERE order_id = 1 AND variant_id = 1',
      [[9, 'order', 1]],
    ],
    [
      'a stock row naming the wrong product (10)',
      'UPDATE inventory SET product_id = 2 WHERE variant_id = 1',
      [[10, 'variant', 1]],
    ],
    [
      'an outbox row left unpublished (7)',
      "INSERT INTO outbox (id, kind, topic, payload, created_at) VALUES (9, 'event', 'order:created', '{}', UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE)",
      [[7, 'outbox', 9]],
    ],
  ])('reports %s', async (_name, statements, expected) => {
    const violations = await foundAfter(mode, async (connection) => {
      for (const statement of statements.split(';')) await connection.query(statement);
    });
    expect(violations).toEqual(expected);
  });

  it('says what is wrong, in the words of the old procedure', async () => {
    const connection = await pool.getConnection();
    try {
      await connection.beginTransaction();
      await connection.query('UPDATE inventory SET on_hand = on_hand + 1 WHERE variant_id = 1');
      await connection.query("UPDATE orders SET status = 'paid' WHERE id = 8");
      const { violations, ok } = await checkInvariants({ connection }, { mode });
      expect(ok).toBe(false);
      // Order 8 paid with no event is also a sale the rollups never saw (invariant 8).
      expect(violations.filter((v) => v.invariant !== 8)).toEqual([
        {
          invariant: 2,
          entity: 'variant',
          entityId: 1,
          detail:
            'at location 1: inventory on_hand/reserved/incoming/damaged/quality_control/safety_stock=99/1/0/0/0/0 ledger=98/1/0/0/0/0',
        },
        { invariant: 6, entity: 'order', entityId: 8, detail: 'status=paid last event=pending' },
      ]);
      expect(violations.filter((v) => v.invariant === 8).map((v) => v.detail)).toContainEqual(
        expect.stringMatching(/^sales paid hour .* orders table=2\//),
      );
    } finally {
      await connection.rollback();
      connection.release();
    }
  });

  it('does not report an outbox row still within its few seconds', async () => {
    const violations = await foundAfter(mode, (c) =>
      c.query("INSERT INTO outbox (kind, topic, payload) VALUES ('event', 'order:created', '{}')"),
    );
    expect(violations).toEqual([]);
  });
});

describe('stock bounds (1)', () => {
  it('reports reserved above on_hand, which the CHECK constraint otherwise stops', async () => {
    // The table's CHECK makes this state unreachable; drop it (DDL, so outside the
    // rolled-back transaction) in this file's own database to see the check catch it.
    await expect(
      pool.query('UPDATE inventory SET reserved = on_hand + 1 WHERE variant_id = 2'),
    ).rejects.toThrow(/inventory_stock_bounds/);
    await pool.query('ALTER TABLE inventory DROP CONSTRAINT inventory_stock_bounds');
    for (const mode of MODES) {
      const violations = await foundAfter(mode, (c) =>
        c.query('UPDATE inventory SET reserved = on_hand + 1 WHERE variant_id = 2'),
      );
      expect(violations, mode).toEqual([
        [1, 'variant', 2],
        [2, 'variant', 2],
        [3, 'variant', 2],
      ]);
    }
  });
});

describe('recent mode', () => {
  it('reads only what changed since `since`: full mode finds what it leaves alone', async () => {
    const [[clock]] = (await pool.query('SELECT UTC_TIMESTAMP(3) AS now')) as unknown as [
      { now: Date }[],
    ];
    // Ids follow time: a window that opens after the fixture was written holds only what
    // the break writes now, a ledger row for product 1, not the drift of product 2.
    const since = new Date(clock!.now.getTime() + 1);
    const breakBoth = async (c: PoolConnection) => {
      await c.query('UPDATE inventory SET on_hand = on_hand + 1 WHERE variant_id = 2');
      await c.query(
        "INSERT INTO stock_movements (variant_id, location_id, delta_on_hand, reason, ref_type, actor, created_at) VALUES (1, 1, 1, 'adjust', 'admin', 't', UTC_TIMESTAMP(3) + INTERVAL 1 SECOND)",
      );
    };
    expect(await foundAfter('recent', breakBoth, { since })).toEqual([[2, 'variant', 1]]);
    expect(await foundAfter('full', breakBoth)).toEqual([
      [2, 'variant', 1],
      [2, 'variant', 2],
    ]);
  });

  it('finds the first id of the window by galloping back from the end', async () => {
    const connection = await pool.getConnection();
    try {
      await connection.beginTransaction();
      // 300 ledger rows a minute apart, from tomorrow on, with holes in their ids.
      const base = Date.UTC(2030, 0, 1);
      const rows = Array.from({ length: 300 }, (_, i) => [
        1000 + i * 3,
        new Date(base + i * 60_000),
      ]);
      await connection.query(
        `INSERT INTO stock_movements (id, variant_id, location_id, reason, ref_type, actor, created_at) VALUES ${rows
          .map(() => "(?, 1, 1, 'adjust', 'admin', 't', ?)")
          .join(', ')}`,
        rows.flat(),
      );
      const query = queryOn(connection);
      for (const minute of [-5, 0, 1, 2, 150, 298, 299]) {
        const since = new Date(base + minute * 60_000 - 1);
        expect(await firstIdSince(query, 'stock_movements', since), `minute ${minute}`).toBe(
          1000 + Math.max(minute, 0) * 3,
        );
      }
      expect(await firstIdSince(query, 'stock_movements', new Date(base + 300 * 60_000))).toBe(
        1000 + 299 * 3 + 1,
      );
    } finally {
      await connection.rollback();
      connection.release();
    }
  });
});

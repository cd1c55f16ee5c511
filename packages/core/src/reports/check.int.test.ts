import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { placeOrder } from '../orders/placement';
import { transitionOrder } from '../orders/transition';
import { drainOutbox } from '../testing/drain';
import { openWorld, type World } from '../testing/world';
import { checkRollups } from './check';

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

async function check(mode: 'full' | 'recent') {
  const connection = await world.pool.getConnection();
  try {
    return await checkRollups(connection, { mode });
  } finally {
    connection.release();
  }
}
const both = async () => ({ full: await check('full'), recent: await check('recent') });
const sql = (text: string) => world.pool.query(text);

let keys = 0;
async function placeAndPay(productIds: number[], pay: boolean) {
  const customer = await world.addCustomer();
  const { order } = await placeOrder(world.db, {
    customerId: customer.id,
    customerName: customer.name,
    items: productIds.map((productId) => ({ productId, quantity: 2 })),
    idempotencyKey: `check-${++keys}`,
  });
  if (pay) await transitionOrder(world.db, { orderId: order.id, to: 'paid', actor: 'test' });
  return order.id;
}

describe('invariant 8: the rollups equal a recomputation from orders', () => {
  let lamp: number;
  let cup: number;
  beforeAll(async () => {
    lamp = await world.addProduct({ priceCents: 1_000 });
    cup = await world.addProduct({ priceCents: 250 });
    await placeAndPay([lamp, cup], true);
    await placeAndPay([lamp], true);
    await placeAndPay([cup], false);
    await drainOutbox(world.db);
  });

  it('holds once folded, and while events wait unfolded in the outbox', async () => {
    expect(await both()).toEqual({ full: [], recent: [] });
    await placeAndPay([lamp, cup], true); // not drained: the check adds what is pending
    expect(await both()).toEqual({ full: [], recent: [] });
    await drainOutbox(world.db);
    expect(await both()).toEqual({ full: [], recent: [] });
  });

  it('finds a sales figure off by one order, in both modes', async () => {
    await sql(
      "UPDATE sales_rollup SET orders = orders + 1 WHERE grain = 'hour' AND status = 'paid'",
    );
    const found = await both();
    for (const mode of [found.full, found.recent]) {
      expect(mode.map((v) => v.detail).join('\n')).toMatch(
        /sales paid hour .*rollup orders\/revenue\/units=4\/.* orders table=3\//,
      );
    }
    await sql(
      "UPDATE sales_rollup SET orders = orders - 1 WHERE grain = 'hour' AND status = 'paid'",
    );
    expect(await both()).toEqual({ full: [], recent: [] });
  });

  it('finds units filed under the wrong product even when the totals agree', async () => {
    const move = (from: number, to: number) =>
      sql(
        `UPDATE product_sales_rollup SET product_id = ${to} WHERE grain = 'hour' AND product_id = ${from}`,
      );
    await sql(`DELETE FROM product_sales_rollup WHERE grain = 'hour' AND product_id = ${cup}`);
    await sql(
      `INSERT INTO product_sales_rollup (grain, bucket_start, product_id, units, revenue_cents)
       SELECT grain, bucket_start, ${cup}, units, revenue_cents FROM product_sales_rollup WHERE grain = 'hour' AND product_id = ${lamp}`,
    );
    await move(lamp, 999_999);
    const found = await both();
    expect(found.full.length).toBeGreaterThan(0);
    expect(found.recent.length).toBeGreaterThan(0);
    // Put the rows back as a rebuild would.
    await sql("DELETE FROM product_sales_rollup WHERE grain = 'hour'");
    await sql(
      `INSERT INTO product_sales_rollup (grain, bucket_start, product_id, units, revenue_cents)
       SELECT 'hour', TIMESTAMP(DATE(o.created_at), MAKETIME(HOUR(o.created_at), 0, 0)), d.product_id, SUM(d.quantity), SUM(d.quantity * d.unit_price_cents)
       FROM orders o JOIN order_details d ON d.order_id = o.id WHERE o.status IN ('paid', 'shipped', 'delivered') GROUP BY 2, 3`,
    );
    expect(await both()).toEqual({ full: [], recent: [] });
  });

  it('finds a day or month that does not add up its hours or days', async () => {
    await sql(
      `UPDATE product_sales_rollup SET revenue_cents = revenue_cents + 5 WHERE grain = 'month' AND product_id = ${cup}`,
    );
    await sql(
      `UPDATE sales_rollup SET units = units + 1 WHERE grain = 'day' AND status = 'pending'`,
    );
    const found = await both();
    for (const mode of [found.full, found.recent]) {
      const text = mode.map((v) => v.detail).join('\n');
      expect(text).toMatch(/product sales month .*its days add up to/);
      expect(text).toMatch(/sales pending day .*its hours add up to/);
    }
    await sql(
      `UPDATE product_sales_rollup SET revenue_cents = revenue_cents - 5 WHERE grain = 'month' AND product_id = ${cup}`,
    );
    await sql(
      `UPDATE sales_rollup SET units = units - 1 WHERE grain = 'day' AND status = 'pending'`,
    );
  });

  it('finds a wrong order count in full mode', async () => {
    await sql("UPDATE order_status_counts SET orders = orders + 2 WHERE status = 'paid'");
    expect((await check('full')).map((v) => v.detail)).toEqual([
      expect.stringMatching(/^order count paid: rollup=5 orders table=3$/),
    ]);
    await sql("UPDATE order_status_counts SET orders = orders - 2 WHERE status = 'paid'");
    expect(await both()).toEqual({ full: [], recent: [] });
  });
});

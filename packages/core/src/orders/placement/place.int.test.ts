import { schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { DomainError, mergeOrderLines, orderJobId } from '@stockpulse/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorld, type World } from '../../testing/world';
import { placeOrder } from './place';

let database: TestDatabase;
let world: World;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url, { connectionLimit: 30 });
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

let keys = 0;
const key = () => `key-${Date.now()}-${++keys}`;

async function stockOf(productId: number) {
  const [row] = await world.db
    .select()
    .from(schema.inventory)
    .where(eq(schema.inventory.productId, productId));
  return row!;
}

async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('placeOrder', () => {
  it('places a 3-line order in five statements: two reads, BEGIN, the reservation, the CALL that commits', async () => {
    // One pooled connection, so MariaDB's per-session `Questions` counter sees every
    // statement the placement sends (and the SHOW that reads it, subtracted).
    const single = openWorld(database.url, { connectionLimit: 1 });
    try {
      const customer = await world.addCustomer();
      const ids = await Promise.all([1, 2, 3].map(() => world.addProduct({ onHand: 10 })));
      const questions = async () => {
        const [rows] = await single.pool.query("SHOW SESSION STATUS LIKE 'Questions'");
        return Number((rows as { Value: string }[])[0]?.Value);
      };
      const before = await questions();
      await placeOrder(single.db, {
        customerId: customer.id,
        customerName: customer.name,
        items: mergeOrderLines(ids.map((productId) => ({ productId, quantity: 1 }))),
        idempotencyKey: key(),
      });
      expect((await questions()) - before - 1).toBe(5);
    } finally {
      await single.close();
    }
  });

  it('records the payment method: a pending payments row for the total, in the CALL', async () => {
    const customer = await world.addCustomer();
    const productId = await world.addProduct({ onHand: 5, priceCents: 1_250 });
    const placed = await placeOrder(world.db, {
      customerId: customer.id,
      customerName: customer.name,
      items: mergeOrderLines([{ productId, quantity: 2 }]),
      idempotencyKey: key(),
      payment: { provider: 'simulated', token: 'tok_sim_x.y', brand: 'mastercard', last4: '4444' },
    });
    const rows = await world.db
      .select()
      .from(schema.payments)
      .where(eq(schema.payments.orderId, placed.order.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      provider: 'simulated',
      methodToken: 'tok_sim_x.y',
      brand: 'mastercard',
      last4: '4444',
      status: 'pending',
      amountCents: 2_500,
      capturedCents: 0,
    });
    const [order] = await world.db
      .select({ paymentStatus: schema.orders.paymentStatus })
      .from(schema.orders)
      .where(eq(schema.orders.id, placed.order.id));
    expect(order?.paymentStatus).toBe('awaiting_payment');

    const plain = await placeOrder(world.db, {
      customerId: customer.id,
      customerName: customer.name,
      items: mergeOrderLines([{ productId, quantity: 1 }]),
      idempotencyKey: key(),
    });
    const [legacy] = await world.db
      .select()
      .from(schema.payments)
      .where(eq(schema.payments.orderId, plain.order.id));
    expect(legacy).toMatchObject({ methodToken: 'tok_legacy', last4: '4242', amountCents: 1_250 });
  });

  it('reserves the stock, records the order at current prices, and writes ledger, event and outbox', async () => {
    const customer = await world.addCustomer();
    const kettle = await world.addProduct({ onHand: 10, priceCents: 2_500 });
    const mug = await world.addProduct({ onHand: 5, priceCents: 800 });
    const { order, replayed } = await placeOrder(world.db, {
      customerId: customer.id,
      customerName: customer.name,
      items: mergeOrderLines([
        { productId: mug, quantity: 2 },
        { productId: kettle, quantity: 1 },
      ]),
      idempotencyKey: key(),
    });
    expect(replayed).toBe(false);
    expect(order).toMatchObject({ status: 'pending', totalCents: 4_100, itemCount: 3 });
    expect(order.shippingAddress).toMatchObject({ line1: '1 Test Street', country: 'US' });
    expect((await stockOf(kettle)).reserved).toBe(1);
    expect((await stockOf(mug)).reserved).toBe(2);
    const outbox = await world.db.select().from(schema.outbox);
    const parsed = outbox.map((row) => ({ ...row, payload: JSON.parse(row.payload) }));
    const mine = parsed.filter(
      (row) => row.payload.id === order.id || row.payload.data?.orderId === order.id,
    );
    expect(mine.map((row) => row.topic)).toEqual(['order:created', 'orders']);
    expect(mine[0]?.payload).toEqual({
      id: order.id,
      customerId: customer.id,
      customerName: customer.name,
      status: 'pending',
      totalCents: 4_100,
      itemCount: 3,
      createdAt: order.createdAt.toISOString(),
    });
    expect(mine[1]?.payload).toEqual({
      name: 'process',
      jobId: orderJobId(order.id),
      data: { orderId: order.id },
    });
    // In between, in the same transaction: each product's stock after the reservation.
    const stock = parsed.filter(
      (row) => row.id > mine[0]!.id && row.id < mine[1]!.id && row.topic === 'inventory:changed',
    );
    // The variant's stock as the procedure left it (one-write-model.int.test.ts pins every
    // field of the payload to the rows).
    const now = await Promise.all([kettle, mug].sort((a, b) => a - b).map(stockOf));
    expect(
      stock
        .map((row) => row.payload)
        .sort((a, b) => a.productId - b.productId)
        .map((p) => [p.productId, p.reserved, p.available, p.productAvailable]),
    ).toEqual(now.map((row) => [row.productId, row.reserved, row.available, row.available]));
    expect(now.map((row) => row.reserved)).toEqual(kettle < mug ? [1, 2] : [2, 1]);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('refuses short lines with OUT_OF_STOCK naming each, and reserves nothing', async () => {
    const customer = await world.addCustomer();
    const plenty = await world.addProduct({ onHand: 100 });
    const scarce = await world.addProduct({ onHand: 3, name: 'Scarce lamp' });
    const error = await domainError(
      placeOrder(world.db, {
        customerId: customer.id,
        customerName: customer.name,
        items: mergeOrderLines([
          { productId: plenty, quantity: 5 },
          { productId: scarce, quantity: 4 },
        ]),
        idempotencyKey: key(),
      }),
    );
    expect(error.code).toBe('OUT_OF_STOCK');
    expect(error.details).toEqual({
      items: [
        {
          productId: scarce,
          variantId: await world.variantOf(scarce),
          name: 'Scarce lamp',
          requested: 4,
          available: 3,
        },
      ],
    });
    expect((await stockOf(plenty)).reserved).toBe(0);
    expect((await stockOf(scarce)).reserved).toBe(0);
  });

  it('reports only the lines that are short, with what is really left', async () => {
    const customer = await world.addCustomer();
    const plenty = await world.addProduct({ onHand: 10 });
    const scarce = await world.addProduct({ onHand: 1, name: 'Last teapot' });
    const error = await domainError(
      placeOrder(world.db, {
        customerId: customer.id,
        customerName: customer.name,
        items: mergeOrderLines([
          { productId: plenty, quantity: 6 },
          { productId: scarce, quantity: 2 },
        ]),
        idempotencyKey: key(),
      }),
    );
    expect(error.details).toEqual({
      items: [
        {
          productId: scarce,
          variantId: await world.variantOf(scarce),
          name: 'Last teapot',
          requested: 2,
          available: 1,
        },
      ],
    });
    expect((await stockOf(plenty)).reserved).toBe(0);
  });

  it('refuses a total larger than one order may hold, reserving nothing', async () => {
    const customer = await world.addCustomer();
    const jewel = await world.addProduct({ onHand: 100, priceCents: 50_000_000 });
    const error = await domainError(
      placeOrder(world.db, {
        customerId: customer.id,
        customerName: customer.name,
        items: [{ productId: jewel, quantity: 50 }],
        idempotencyKey: key(),
      }),
    );
    expect(error.code).toBe('ORDER_TOO_LARGE');
    expect((await stockOf(jewel)).reserved).toBe(0);
  });

  it('refuses archived and unknown products by name, and a changed price', async () => {
    const customer = await world.addCustomer();
    const archived = await world.addProduct({ active: false, name: 'Old chair' });
    const fine = await world.addProduct({ priceCents: 500 });
    const unavailable = await domainError(
      placeOrder(world.db, {
        customerId: customer.id,
        customerName: customer.name,
        items: mergeOrderLines([
          { productId: archived, quantity: 1 },
          { productId: 999_999_999, quantity: 1 },
          { productId: fine, quantity: 1 },
        ]),
        idempotencyKey: key(),
      }),
    );
    expect(unavailable.code).toBe('PRODUCT_UNAVAILABLE');
    expect(unavailable.message).toContain('Old chair');
    expect(unavailable.details.items).toEqual([
      { productId: 999_999_999, variantId: null, name: null },
      { productId: archived, variantId: await world.variantOf(archived), name: 'Old chair' },
    ]);
    const changed = await domainError(
      placeOrder(world.db, {
        customerId: customer.id,
        customerName: customer.name,
        items: [{ productId: fine, quantity: 2 }],
        idempotencyKey: key(),
        expectedTotalCents: 900,
      }),
    );
    expect(changed.code).toBe('PRICE_CHANGED');
    expect(changed.details).toEqual({ expectedTotalCents: 900, totalCents: 1_000 });
    expect((await stockOf(fine)).reserved).toBe(0);
  });

  it('needs a shipping address from the request or the profile', async () => {
    const homeless = await world.addCustomer({ withAddress: false });
    const product = await world.addProduct();
    const error = await domainError(
      placeOrder(world.db, {
        customerId: homeless.id,
        customerName: homeless.name,
        items: [{ productId: product, quantity: 1 }],
        idempotencyKey: key(),
      }),
    );
    expect(error.code).toBe('SHIPPING_ADDRESS_REQUIRED');
    const { order } = await placeOrder(world.db, {
      customerId: homeless.id,
      customerName: homeless.name,
      items: [{ productId: product, quantity: 1 }],
      idempotencyKey: key(),
      shippingAddress: {
        name: 'Ada',
        line1: '2 Side St',
        city: 'Paris',
        postalCode: '75001',
        country: 'FR',
      },
    });
    expect(order.shippingAddress).toMatchObject({ name: 'Ada', city: 'Paris', country: 'FR' });
  });

  describe('idempotency', () => {
    it('replays the original order for the same key and request', async () => {
      const customer = await world.addCustomer();
      const product = await world.addProduct({ onHand: 10 });
      const request = {
        customerId: customer.id,
        customerName: customer.name,
        items: [{ productId: product, quantity: 2 }],
        idempotencyKey: key(),
      };
      const first = await placeOrder(world.db, request);
      const again = await placeOrder(world.db, request);
      expect(again.replayed).toBe(true);
      expect(again.order.id).toBe(first.order.id);
      expect((await stockOf(product)).reserved).toBe(2);
    });

    it('refuses the same key with different items', async () => {
      const customer = await world.addCustomer();
      const product = await world.addProduct({ onHand: 10 });
      const idempotencyKey = key();
      const base = { customerId: customer.id, customerName: customer.name, idempotencyKey };
      await placeOrder(world.db, { ...base, items: [{ productId: product, quantity: 1 }] });
      const error = await domainError(
        placeOrder(world.db, { ...base, items: [{ productId: product, quantity: 2 }] }),
      );
      expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect((await stockOf(product)).reserved).toBe(1);
    });

    it('lets two customers use the same key independently', async () => {
      const [a, b] = [await world.addCustomer(), await world.addCustomer()];
      const product = await world.addProduct({ onHand: 10 });
      const idempotencyKey = key();
      const items = [{ productId: product, quantity: 1 }];
      const first = await placeOrder(world.db, {
        customerId: a.id,
        customerName: a.name,
        items,
        idempotencyKey,
      });
      const second = await placeOrder(world.db, {
        customerId: b.id,
        customerName: b.name,
        items,
        idempotencyKey,
      });
      expect(second.order.id).not.toBe(first.order.id);
    });

    /** 50 identical requests in parallel for `quantity` of a product with `onHand` units. */
    async function fiftyIdentical(onHand: number, quantity: number) {
      const customer = await world.addCustomer();
      const product = await world.addProduct({ onHand });
      const request = {
        customerId: customer.id,
        customerName: customer.name,
        items: [{ productId: product, quantity }],
        idempotencyKey: key(),
      };
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, () => placeOrder(world.db, request)),
      );
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(refused).toEqual([]);
      const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      const [count] = await world.db.execute(
        sql`SELECT COUNT(*) AS n FROM orders WHERE customer_id = ${customer.id}`,
      );
      expect(Number((count as unknown as { n: number }[])[0]!.n)).toBe(1);
      expect((await stockOf(product)).reserved).toBe(quantity);
    }

    it('creates one order from 50 identical requests in parallel', async () => {
      await fiftyIdentical(100, 3);
      expect(await world.violations({ outbox: false })).toEqual([]);
    });

    it('answers all 50 identical requests for the last unit with the one order, never OUT_OF_STOCK', async () => {
      // The losers' reservations wait on the winner's row lock and then find no stock: the
      // key, read again after the rollback, must turn each of them into a replay.
      for (let round = 0; round < 3; round++) await fiftyIdentical(1, 1);
      expect(await world.violations({ outbox: false })).toEqual([]);
    });
  });

  it('never oversells: 200 concurrent orders for a product with 50 units reserve exactly 50', async () => {
    const product = await world.addProduct({ onHand: 50 });
    const customers = await Promise.all(Array.from({ length: 20 }, () => world.addCustomer()));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => {
        const customer = customers[i % customers.length]!;
        return placeOrder(world.db, {
          customerId: customer.id,
          customerName: customer.name,
          items: [{ productId: product, quantity: 1 }],
          idempotencyKey: key(),
        });
      }),
    );
    const placed = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes
      .filter((o) => o.status === 'rejected')
      .map((o) => (o as PromiseRejectedResult).reason);
    expect(placed).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(refused.every((e) => e instanceof DomainError && e.code === 'OUT_OF_STOCK')).toBe(true);
    const stock = await stockOf(product);
    expect([stock.onHand, stock.reserved]).toEqual([50, 50]);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

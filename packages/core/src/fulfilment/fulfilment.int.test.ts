import { schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { captureJobId, DomainError, paymentStatusOf } from '@stockpulse/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { placeOrder } from '../orders/placement';
import { getOrder } from '../orders/queries';
import { transitionOrder } from '../orders/transition';
import { openWorld, type World } from '../testing/world';
import { cancelLines } from './cancel-lines';
import { fulfilmentQueue } from './queue';
import { shipLines } from './ship';

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

let keys = 0;
type Item = { productId: number; quantity: number } | { variantId: number; quantity: number };

/** A placed and paid order; `payment` adds its latest attempt in that status. */
async function paidOrder(
  items: Item[],
  { payment = 'authorized' as 'authorized' | 'captured' | null, pay = true } = {},
) {
  const customer = await world.addCustomer();
  const { order } = await placeOrder(world.db, {
    customerId: customer.id,
    customerName: customer.name,
    items,
    idempotencyKey: `fulfilment-${++keys}-${Date.now()}`,
  });
  if (pay) await transitionOrder(world.db, { orderId: order.id, to: 'paid', actor: 'worker' });
  let paymentId: number | null = null;
  if (payment) {
    const [row] = await world.db.insert(schema.payments).values({
      orderId: order.id,
      provider: 'simulated',
      methodToken: 'tok_test',
      brand: 'visa',
      last4: '4242',
      status: payment,
      amountCents: order.totalCents,
      capturedCents: payment === 'captured' ? order.totalCents : 0,
    });
    paymentId = row.insertId;
    // What the payments queue would leave on the order (invariant 13).
    await world.db
      .update(schema.orders)
      .set({
        paymentStatus: paymentStatusOf({
          status: payment,
          capturedCents: payment === 'captured' ? order.totalCents : 0,
          refundedCents: 0,
        }),
      })
      .where(eq(schema.orders.id, order.id));
  }
  const lines = await world.db
    .select({ id: schema.orderDetails.id, variantId: schema.orderDetails.variantId })
    .from(schema.orderDetails)
    .where(eq(schema.orderDetails.orderId, order.id))
    .orderBy(asc(schema.orderDetails.id));
  return { order, customer, paymentId, lines };
}

async function stockAt(variantId: number, locationId = 1) {
  const [row] = await world.db
    .select({ onHand: schema.inventory.onHand, reserved: schema.inventory.reserved })
    .from(schema.inventory)
    .where(
      and(eq(schema.inventory.variantId, variantId), eq(schema.inventory.locationId, locationId)),
    );
  return row;
}

async function outboxOf(topic: string, like: string) {
  return world.db
    .select({ payload: schema.outbox.payload })
    .from(schema.outbox)
    .where(and(eq(schema.outbox.topic, topic), sql`${schema.outbox.payload} LIKE ${like}`));
}

async function caught(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const ship = (
  orderId: number,
  lines: { orderDetailId: number; quantity: number }[],
  locationId?: number,
) =>
  shipLines(world.db, {
    orderId,
    lines,
    carrier: 'UPS',
    trackingNumber: `1Z${orderId}`,
    locationId,
    actor: 'admin:1',
  });

describe('shipLines', () => {
  it('ships part, then the rest: statuses, stock, ledger, one capture job', async () => {
    const productId = await world.addProduct({ onHand: 10 });
    const variantId = await world.variantOf(productId);
    const { order, paymentId, lines } = await paidOrder([{ productId, quantity: 3 }]);
    const line = lines[0]!.id;

    const first = await ship(order.id, [{ orderDetailId: line, quantity: 1 }]);
    expect(first.status).toBe('partially_shipped');
    expect(first.shipments).toEqual([
      { id: expect.any(Number), locationId: 1, lines: [{ orderDetailId: line, quantity: 1 }] },
    ]);
    expect(await stockAt(variantId)).toEqual({ onHand: 9, reserved: 2 });

    const second = await ship(order.id, [{ orderDetailId: line, quantity: 2 }]);
    expect(second.status).toBe('shipped');
    expect(await stockAt(variantId)).toEqual({ onHand: 7, reserved: 0 });

    const ledger = await world.db
      .select({
        reason: schema.stockMovements.reason,
        refType: schema.stockMovements.refType,
        refId: schema.stockMovements.refId,
        onHand: schema.stockMovements.deltaOnHand,
        reserved: schema.stockMovements.deltaReserved,
      })
      .from(schema.stockMovements)
      .where(
        and(
          eq(schema.stockMovements.variantId, variantId),
          eq(schema.stockMovements.reason, 'ship'),
        ),
      )
      .orderBy(asc(schema.stockMovements.id));
    expect(ledger).toEqual([
      {
        reason: 'ship',
        refType: 'shipment',
        refId: first.shipments[0]!.id,
        onHand: -1,
        reserved: -1,
      },
      {
        reason: 'ship',
        refType: 'shipment',
        refId: second.shipments[0]!.id,
        onHand: -2,
        reserved: -2,
      },
    ]);
    const jobs = await outboxOf('payments', `%${captureJobId(paymentId!)}"%`);
    expect(jobs.map((j) => JSON.parse(j.payload))).toEqual([
      { name: 'capture', jobId: captureJobId(paymentId!), data: { paymentId } },
    ]);
    const activity = await outboxOf('order:activity', `%"orderId":${order.id},%`);
    expect(activity.map((a) => JSON.parse(a.payload).summary)).toEqual([
      `Shipped 1 item with UPS, tracking 1Z${order.id}`,
      `Shipped 2 items with UPS, tracking 1Z${order.id}`,
    ]);

    const view = await getOrder(world.db, order.id);
    expect(view?.events?.map((e) => e.to)).toEqual([
      'pending',
      'paid',
      'partially_shipped',
      'shipped',
    ]);
    expect(view?.lines[0]).toMatchObject({
      orderDetailId: line,
      shippedQuantity: 3,
      cancelledQuantity: 0,
    });
    expect(view?.shipments?.map((s) => [s.carrier, s.locationName, s.lines])).toEqual([
      ['UPS', 'Main warehouse', [{ orderDetailId: line, quantity: 1 }]],
      ['UPS', 'Main warehouse', [{ orderDetailId: line, quantity: 2 }]],
    ]);
    // Delivered only once everything shipped: it is.
    await transitionOrder(world.db, { orderId: order.id, to: 'delivered', actor: 'admin:1' });
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('refuses more than is open (OVER_FULFILMENT), unpaid orders and unknown lines', async () => {
    const productId = await world.addProduct({ onHand: 10 });
    const { order, lines } = await paidOrder([{ productId, quantity: 3 }]);
    const line = lines[0]!.id;
    const over = await caught(() => ship(order.id, [{ orderDetailId: line, quantity: 4 }]));
    expect(over.code).toBe('OVER_FULFILMENT');
    expect(over.details).toEqual({ lines: [{ orderDetailId: line, requested: 4, open: 3 }] });
    // Duplicates add up.
    const twice = await caught(() =>
      ship(order.id, [
        { orderDetailId: line, quantity: 2 },
        { orderDetailId: line, quantity: 2 },
      ]),
    );
    expect(twice.details).toEqual({ lines: [{ orderDetailId: line, requested: 4, open: 3 }] });
    expect(
      (await caught(() => ship(order.id, [{ orderDetailId: 999_999, quantity: 1 }]))).code,
    ).toBe('NOT_FOUND');
    const pending = await paidOrder([{ productId, quantity: 1 }], { pay: false });
    const unpaid = await caught(() =>
      ship(pending.order.id, [{ orderDetailId: pending.lines[0]!.id, quantity: 1 }]),
    );
    expect(unpaid.code).toBe('ILLEGAL_TRANSITION');
    expect(unpaid.details).toEqual({ from: 'pending', to: 'shipped' });
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('ships a variant split over two locations from one, then from both in priority order', async () => {
    const east = await world.addLocation({ priority: 900 });
    const {
      variantIds: [variantId],
    } = await world.addVariantProduct({
      options: [{ name: 'Size', values: ['M'] }],
      variants: [{ options: { Size: 'M' }, stock: { 1: 2, [east]: 5 } }],
    });
    const { order, lines } = await paidOrder([{ variantId: variantId!, quantity: 6 }], {
      payment: null,
    });
    const line = lines[0]!.id;
    // Main holds 2, east 4: east alone cannot give 5.
    const over = await caught(() => ship(order.id, [{ orderDetailId: line, quantity: 5 }], east));
    expect(over.details).toEqual({ lines: [{ orderDetailId: line, requested: 5, open: 4 }] });

    const fromEast = await ship(order.id, [{ orderDetailId: line, quantity: 3 }], east);
    expect(fromEast.shipments.map((s) => s.locationId)).toEqual([east]);
    expect(await stockAt(variantId!, east)).toEqual({ onHand: 2, reserved: 1 });
    expect(await stockAt(variantId!, 1)).toEqual({ onHand: 2, reserved: 2 });

    const rest = await ship(order.id, [{ orderDetailId: line, quantity: 3 }]);
    expect(rest.status).toBe('shipped');
    expect(rest.shipments.map((s) => [s.locationId, s.lines[0]!.quantity])).toEqual([
      [1, 2],
      [east, 1],
    ]);
    expect(await stockAt(variantId!, east)).toEqual({ onHand: 1, reserved: 0 });
    expect(await stockAt(variantId!, 1)).toEqual({ onHand: 0, reserved: 0 });
    // No payment attempt: no capture job.
    expect(await outboxOf('payments', `%"orderId":${order.id}%`)).toEqual([]);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('"Mark shipped" (transitionOrder to shipped) ships every open unit through the same path', async () => {
    const productId = await world.addProduct({ onHand: 10 });
    const variantId = await world.variantOf(productId);
    const { order, lines, paymentId } = await paidOrder([{ productId, quantity: 4 }]);
    await cancelLines(world.db, {
      orderId: order.id,
      lines: [{ orderDetailId: lines[0]!.id, quantity: 1 }],
      reason: 'out of one',
      actor: 'admin:1',
    });
    await transitionOrder(world.db, { orderId: order.id, to: 'shipped', actor: 'admin:1' });
    expect(await stockAt(variantId)).toEqual({ onHand: 7, reserved: 0 });
    const view = await getOrder(world.db, order.id);
    expect(view?.status).toBe('shipped');
    expect(
      view?.shipments?.map((s) => [s.carrier, s.trackingNumber, s.lines[0]!.quantity]),
    ).toEqual([['Unspecified', 'untracked', 3]]);
    expect(await outboxOf('payments', `%${captureJobId(paymentId!)}"%`)).toHaveLength(1);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

describe('cancelLines', () => {
  it('releases open units from the lowest-priority location first; the last open unit ships the order', async () => {
    const east = await world.addLocation({ priority: 950 });
    const {
      variantIds: [variantId],
    } = await world.addVariantProduct({
      options: [{ name: 'Size', values: ['L'] }],
      variants: [{ options: { Size: 'L' }, priceCents: 500, stock: { 1: 2, [east]: 5 } }],
    });
    // Main holds 2 of them, east 4 (placement takes main first).
    const { order, lines } = await paidOrder([{ variantId: variantId!, quantity: 6 }]);
    const line = lines[0]!.id;
    const [before] = await world.db
      .select({ cents: sql<string>`COALESCE(SUM(${schema.refundRollup.refundedCents}), 0)` })
      .from(schema.refundRollup)
      .where(eq(schema.refundRollup.grain, 'day'));

    const cancelled = await cancelLines(world.db, {
      orderId: order.id,
      lines: [{ orderDetailId: line, quantity: 1 }],
      reason: 'customer asked',
      actor: 'admin:1',
    });
    expect(cancelled).toMatchObject({ status: 'paid', amountCents: 500, refundId: null });
    expect(await stockAt(variantId!, east)).toEqual({ onHand: 5, reserved: 3 });
    expect(await stockAt(variantId!, 1)).toEqual({ onHand: 2, reserved: 2 });
    // Authorized, not captured, in a revenue status: counted as money given back.
    const [after] = await world.db
      .select({ cents: sql<string>`COALESCE(SUM(${schema.refundRollup.refundedCents}), 0)` })
      .from(schema.refundRollup)
      .where(eq(schema.refundRollup.grain, 'day'));
    expect(Number(after!.cents) - Number(before!.cents)).toBe(500);

    // Cannot cancel more than is open.
    const over = await caught(() =>
      cancelLines(world.db, {
        orderId: order.id,
        lines: [{ orderDetailId: line, quantity: 6 }],
        reason: 'x',
        actor: 'admin:1',
      }),
    );
    expect(over.code).toBe('OVER_FULFILMENT');
    expect(over.details).toEqual({ lines: [{ orderDetailId: line, requested: 6, open: 5 }] });

    await ship(order.id, [{ orderDetailId: line, quantity: 4 }]);
    const last = await cancelLines(world.db, {
      orderId: order.id,
      lines: [{ orderDetailId: line, quantity: 1 }],
      reason: 'damaged in the warehouse',
      actor: 'admin:1',
    });
    expect(last.status).toBe('shipped');
    expect(await stockAt(variantId!, east)).toEqual({ onHand: 3, reserved: 0 });
    expect(await stockAt(variantId!, 1)).toEqual({ onHand: 0, reserved: 0 });
    const view = await getOrder(world.db, order.id);
    expect(view?.lines[0]).toMatchObject({ shippedQuantity: 4, cancelledQuantity: 2 });
    expect(view?.events?.map((e) => e.to)).toEqual([
      'pending',
      'paid',
      'partially_shipped',
      'shipped',
    ]);
    const activity = await outboxOf('order:activity', `%"orderId":${order.id},%lines_cancelled%`);
    expect(activity).toHaveLength(2);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('cancels the order when nothing is left and nothing shipped, releasing once; refunds a capture', async () => {
    const productId = await world.addProduct({ onHand: 10, priceCents: 300 });
    const variantId = await world.variantOf(productId);
    const { order, lines } = await paidOrder([{ productId, quantity: 3 }], { payment: 'captured' });
    const result = await cancelLines(world.db, {
      orderId: order.id,
      lines: [{ orderDetailId: lines[0]!.id, quantity: 3 }],
      reason: 'discontinued',
      actor: 'admin:1',
    });
    expect(result.status).toBe('cancelled');
    expect(result.refundId).toEqual(expect.any(Number));
    expect(await stockAt(variantId)).toEqual({ onHand: 10, reserved: 0 });
    const [refund] = await world.db
      .select()
      .from(schema.refunds)
      .where(eq(schema.refunds.id, result.refundId!));
    expect(refund).toMatchObject({
      amountCents: 900,
      status: 'pending',
      reason: 'lines cancelled: discontinued',
    });
    const view = await getOrder(world.db, order.id);
    expect([view?.status, view?.cancelReason]).toEqual(['cancelled', 'discontinued']);
    const releases = await world.db
      .select({ reserved: schema.stockMovements.deltaReserved })
      .from(schema.stockMovements)
      .where(
        and(
          eq(schema.stockMovements.variantId, variantId),
          eq(schema.stockMovements.reason, 'release'),
        ),
      );
    expect(releases).toEqual([{ reserved: -3 }]);
    // A shipped order's lines cannot be cancelled.
    const shipped = await paidOrder([{ productId, quantity: 1 }]);
    await ship(shipped.order.id, [{ orderDetailId: shipped.lines[0]!.id, quantity: 1 }]);
    const illegal = await caught(() =>
      cancelLines(world.db, {
        orderId: shipped.order.id,
        lines: [{ orderDetailId: shipped.lines[0]!.id, quantity: 1 }],
        reason: 'x',
        actor: 'admin:1',
      }),
    );
    expect([illegal.code, illegal.details]).toEqual([
      'ILLEGAL_TRANSITION',
      { from: 'shipped', to: 'cancelled' },
    ]);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('counts no money back when cancelling the lines cancels an authorized order (it leaves gross sales)', async () => {
    const productId = await world.addProduct({ onHand: 10, priceCents: 700 });
    const { order, lines } = await paidOrder([{ productId, quantity: 2 }]);
    const given = async () => {
      const [row] = await world.db
        .select({ cents: sql<string>`COALESCE(SUM(${schema.refundRollup.refundedCents}), 0)` })
        .from(schema.refundRollup)
        .where(eq(schema.refundRollup.grain, 'day'));
      return Number(row!.cents);
    };
    const before = await given();
    const result = await cancelLines(world.db, {
      orderId: order.id,
      lines: [{ orderDetailId: lines[0]!.id, quantity: 2 }],
      reason: 'gone',
      actor: 'admin:1',
    });
    expect(result).toMatchObject({ status: 'cancelled', amountCents: 1400, refundId: null });
    expect(await given()).toBe(before);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('a whole-order cancel after a line cancellation releases only what is still open', async () => {
    const productId = await world.addProduct({ onHand: 10 });
    const variantId = await world.variantOf(productId);
    const { order, lines } = await paidOrder([{ productId, quantity: 5 }]);
    await cancelLines(world.db, {
      orderId: order.id,
      lines: [{ orderDetailId: lines[0]!.id, quantity: 2 }],
      reason: 'fewer',
      actor: 'admin:1',
    });
    await transitionOrder(world.db, {
      orderId: order.id,
      to: 'cancelled',
      actor: 'admin:1',
      reason: 'all',
    });
    expect(await stockAt(variantId)).toEqual({ onHand: 10, reserved: 0 });
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

describe('fulfilmentQueue', () => {
  it('lists paid and partially shipped orders with open units, oldest first, paged, with counts', async () => {
    const far = await world.addLocation({ priority: 990 });
    const {
      variantIds: [variantId],
    } = await world.addVariantProduct({
      options: [{ name: 'Colour', values: ['Teal'] }],
      variants: [{ options: { Colour: 'Teal' }, stock: { [far]: 50 } }],
    });
    const orders = [];
    for (let i = 0; i < 4; i++) {
      orders.push(await paidOrder([{ variantId: variantId!, quantity: 2 }], { payment: null }));
    }
    const unpaid = await paidOrder([{ variantId: variantId!, quantity: 1 }], {
      pay: false,
      payment: null,
    });
    await ship(orders[1]!.order.id, [{ orderDetailId: orders[1]!.lines[0]!.id, quantity: 1 }]);
    await ship(orders[2]!.order.id, [{ orderDetailId: orders[2]!.lines[0]!.id, quantity: 2 }]);

    const first = await fulfilmentQueue(world.db, { locationId: far, limit: 2 });
    expect(first.items.map((o) => o.id)).toEqual([orders[0]!.order.id, orders[1]!.order.id]);
    expect(first.items[1]).toMatchObject({
      status: 'partially_shipped',
      customerName: orders[1]!.customer.name,
      lines: [
        {
          orderDetailId: orders[1]!.lines[0]!.id,
          quantity: 2,
          shippedQuantity: 1,
          open: [{ locationId: far, quantity: 1 }],
        },
      ],
    });
    expect(first.counts.find((c) => c.locationId === far)?.orders).toBe(3);
    expect(first.nextCursor).not.toBeNull();
    const { decodeFulfilmentCursor } = await import('./queue');
    const second = await fulfilmentQueue(world.db, {
      locationId: far,
      limit: 2,
      cursor: decodeFulfilmentCursor(first.nextCursor!),
    });
    expect(second.items.map((o) => o.id)).toEqual([orders[3]!.order.id]);
    expect(second.nextCursor).toBeNull();
    expect(second.items.map((o) => o.id)).not.toContain(unpaid.order.id);
    // Without a location: the same orders are in it (among others of this file).
    const all = await fulfilmentQueue(world.db, { limit: 500 });
    const ids = all.items.map((o) => o.id);
    expect(ids).toEqual(
      expect.arrayContaining([orders[0]!.order.id, orders[1]!.order.id, orders[3]!.order.id]),
    );
    expect(ids).not.toContain(orders[2]!.order.id);
    expect(ids).toEqual(
      [...all.items]
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
        .map((o) => o.id),
    );
  });
});

const ROUNDS = 30;

describe('ship racing cancelLines', () => {
  it('never ships and cancels the same unit; the check stays clean', async () => {
    const productId = await world.addProduct({ onHand: 500 });
    const variantId = await world.variantOf(productId);
    let shipped = 0;
    let cancelled = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { order, lines } = await paidOrder([{ productId, quantity: 4 }]);
      const line = lines[0]!.id;
      const results = await Promise.allSettled([
        ship(order.id, [{ orderDetailId: line, quantity: 3 }]),
        cancelLines(world.db, {
          orderId: order.id,
          lines: [{ orderDetailId: line, quantity: 3 }],
          reason: 'race',
          actor: 'admin:2',
        }),
      ]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      expect(ok).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((failed.reason as DomainError).code).toBe('OVER_FULFILMENT');
      if (results[0]!.status === 'fulfilled') shipped++;
      else cancelled++;
      const [row] = await world.db
        .select({
          shipped: schema.orderDetails.shippedQuantity,
          cancelled: schema.orderDetails.cancelledQuantity,
        })
        .from(schema.orderDetails)
        .where(eq(schema.orderDetails.id, line));
      expect(row!.shipped + row!.cancelled).toBe(3);
    }
    expect(shipped + cancelled).toBe(ROUNDS);
    const stock = await stockAt(variantId);
    // Each round: 3 units shipped or released, 1 still reserved.
    expect(stock).toEqual({ onHand: 500 - 3 * shipped, reserved: ROUNDS });
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

describe('invariants 20 and 21', () => {
  it('catch a line whose shipped units disagree with its allocations, shipments and ledger', async () => {
    const productId = await world.addProduct({ onHand: 10 });
    const variantId = await world.variantOf(productId);
    const { order, lines } = await paidOrder([{ productId, quantity: 2 }]);
    const line = lines[0]!.id;
    const { shipments } = await ship(order.id, [{ orderDetailId: line, quantity: 1 }]);
    const bump = (by: number) =>
      world.db
        .update(schema.orderDetails)
        .set({ shippedQuantity: sql`${schema.orderDetails.shippedQuantity} + ${by}` })
        .where(eq(schema.orderDetails.id, line));
    await bump(1);
    const numbers = (await world.violations({ outbox: false })).map((v) => v.invariant);
    expect(numbers).toContain(20);
    expect(numbers).toContain(21);
    await bump(-1);
    // A ledger row of the shipment at a location it did not ship from.
    await world.db.insert(schema.stockMovements).values({
      variantId,
      locationId: 1,
      deltaOnHand: 0,
      deltaReserved: 0,
      reason: 'ship',
      refType: 'shipment',
      refId: shipments[0]!.id + 100_000,
      actor: 'test',
    });
    expect((await world.violations({ outbox: false })).map((v) => v.invariant)).toContain(21);
    await world.db
      .delete(schema.stockMovements)
      .where(
        and(
          eq(schema.stockMovements.refType, 'shipment'),
          eq(schema.stockMovements.refId, shipments[0]!.id + 100_000),
        ),
      );
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

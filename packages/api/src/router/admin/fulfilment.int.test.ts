import { placeOrder, transitionOrder } from '@stockpulse/core';
import { schema } from '@stockpulse/db';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { type AdminHarness, expectRefused, openAdminHarness, trpcError } from '../../testing';

let h: AdminHarness;
beforeAll(async () => {
  h = await openAdminHarness();
});
afterAll(() => h.close());

let keys = 0;
async function paidOrder(quantity = 3) {
  const productId = await h.world.addProduct({ onHand: 50 });
  const { order } = await placeOrder(h.world.db, {
    customerId: h.customer.id,
    customerName: h.customer.name,
    items: [{ productId, quantity }],
    idempotencyKey: `api-fulfilment-${++keys}`,
  });
  await transitionOrder(h.world.db, { orderId: order.id, to: 'paid', actor: 'worker' });
  const [line] = await h.world.db
    .select({ id: schema.orderDetails.id })
    .from(schema.orderDetails)
    .where(eq(schema.orderDetails.orderId, order.id))
    .orderBy(asc(schema.orderDetails.id));
  return { orderId: order.id, line: line!.id };
}

describe('admin.fulfilment', () => {
  it('lists the queue, ships part of an order and shows the shipment on both byIds', async () => {
    const { admin } = await h.asAdmin();
    const { orderId, line } = await paidOrder(3);
    const queue = await admin.fulfilment.queue({ limit: 100 });
    expect(queue.items.map((o) => o.id)).toContain(orderId);
    expect(queue.counts).toEqual([
      { locationId: 1, locationName: 'Main warehouse', orders: queue.items.length },
    ]);

    const shipped = await admin.fulfilment.ship({
      orderId,
      lines: [{ orderDetailId: line, quantity: 2 }],
      carrier: 'DHL',
      trackingNumber: 'JD014600006281234567',
    });
    expect(shipped.status).toBe('partially_shipped');
    const detail = await admin.orders.byId({ id: orderId });
    expect(detail.lines[0]).toMatchObject({ shippedQuantity: 2, cancelledQuantity: 0 });
    expect(detail.lines[0]!.allocations).toEqual([
      {
        locationId: 1,
        locationName: 'Main warehouse',
        quantity: 3,
        shippedQuantity: 2,
        cancelledQuantity: 0,
      },
    ]);
    expect(detail.shipments).toEqual([
      {
        id: shipped.shipments[0]!.id,
        locationId: 1,
        locationName: 'Main warehouse',
        carrier: 'DHL',
        trackingNumber: 'JD014600006281234567',
        createdAt: expect.any(Date),
        lines: [{ orderDetailId: line, quantity: 2 }],
      },
    ]);
    const mine = await (await h.asCustomer()).orders.byId({ id: orderId });
    expect(mine.shipments).toEqual(detail.shipments);

    // The last unit cancelled: the order is shipped.
    const cancelled = await admin.orders.cancelLines({
      orderId,
      lines: [{ orderDetailId: line, quantity: 1 }],
      reason: 'Out of stock',
    });
    expect(cancelled.status).toBe('shipped');
    const after = await admin.fulfilment.queue({ limit: 100 });
    expect(after.items.map((o) => o.id)).not.toContain(orderId);
    await h.expectInvariants();
  });

  it('answers OVER_FULFILMENT, ILLEGAL_TRANSITION and NOT_FOUND as CONFLICT / NOT_FOUND with causes', async () => {
    const { admin } = await h.asAdmin();
    const { orderId, line } = await paidOrder(2);
    const over = await trpcError(
      admin.fulfilment.ship({
        orderId,
        lines: [{ orderDetailId: line, quantity: 3 }],
        carrier: 'UPS',
        trackingNumber: '1Z999',
      }),
    );
    expect(over.code).toBe('CONFLICT');
    expect(over.cause).toMatchObject({
      code: 'OVER_FULFILMENT',
      details: { lines: [{ orderDetailId: line, requested: 3, open: 2 }] },
    });
    const overCancel = await trpcError(
      admin.orders.cancelLines({
        orderId,
        lines: [{ orderDetailId: line, quantity: 5 }],
        reason: 'x',
      }),
    );
    expect(overCancel.cause).toMatchObject({
      code: 'OVER_FULFILMENT',
      details: { lines: [{ orderDetailId: line, requested: 5, open: 2 }] },
    });
    await admin.fulfilment.ship({
      orderId,
      lines: [{ orderDetailId: line, quantity: 2 }],
      carrier: 'UPS',
      trackingNumber: '1Z999',
    });
    const illegal = await trpcError(
      admin.orders.cancelLines({
        orderId,
        lines: [{ orderDetailId: line, quantity: 1 }],
        reason: 'x',
      }),
    );
    expect(illegal.cause).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'shipped', to: 'cancelled' },
    });
    const missing = await trpcError(
      admin.fulfilment.ship({
        orderId: 99_999_999,
        lines: [{ orderDetailId: line, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: '1Z999',
      }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    const { line: otherLine } = await paidOrder(1);
    const fresh = await paidOrder(1);
    const notMine = await trpcError(
      admin.fulfilment.ship({
        orderId: fresh.orderId,
        lines: [{ orderDetailId: otherLine, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: '1Z999',
      }),
    );
    expect(notMine.code).toBe('NOT_FOUND');
    await h.drainOutbox();
  });

  it('refuses bad input with BAD_REQUEST and writes nothing', async () => {
    const { admin } = await h.asAdmin();
    const { orderId, line } = await paidOrder(2);
    await h.drainOutbox();
    const good = {
      orderId,
      lines: [{ orderDetailId: line, quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1Z1',
    };
    await expectRefused(h, admin.fulfilment.ship, [
      { ...good, carrier: '' },
      { ...good, carrier: 'x'.repeat(41) },
      { ...good, trackingNumber: '   ' },
      { ...good, trackingNumber: 'x'.repeat(65) },
      { ...good, lines: [] },
      { ...good, lines: [{ orderDetailId: line, quantity: 0 }] },
      { ...good, lines: [{ orderDetailId: line, quantity: 1.5 }] },
      { ...good, extra: true },
    ]);
    await expectRefused(h, admin.orders.cancelLines, [
      { orderId, lines: [{ orderDetailId: line, quantity: 1 }] },
      { orderId, lines: [{ orderDetailId: line, quantity: 1 }], reason: '' },
    ]);
    await expectRefused(h, admin.fulfilment.queue, [{ cursor: 'nope' }, { limit: 0 }]);
    await expectRefused(h, admin.fulfilment.shipMany, [
      { orders: [], carrier: 'UPS' },
      { orders: [{ orderId }], carrier: 'UPS' },
    ]);
  });

  it('ships many orders, one result each: a failing one does not stop the others', async () => {
    const { admin } = await h.asAdmin();
    const a = await paidOrder(2);
    const b = await paidOrder(1);
    const pending = await placeOrder(h.world.db, {
      customerId: h.customer.id,
      customerName: h.customer.name,
      items: [{ productId: await h.world.addProduct({ onHand: 5 }), quantity: 1 }],
      idempotencyKey: `api-fulfilment-${++keys}`,
    });
    const results = await admin.fulfilment.shipMany({
      orders: [
        { orderId: a.orderId, trackingNumber: 'T-A' },
        { orderId: pending.order.id, trackingNumber: 'T-P' },
        { orderId: b.orderId, trackingNumber: 'T-B' },
      ],
      carrier: 'FedEx',
    });
    expect(results.map((r) => [r.orderId, r.ok, r.ok ? r.status : r.cause])).toEqual([
      [a.orderId, true, 'shipped'],
      [pending.order.id, false, 'ILLEGAL_TRANSITION'],
      [b.orderId, true, 'shipped'],
    ]);
    await h.expectInvariants();
  });

  it('"Mark shipped" takes an optional carrier and tracking number', async () => {
    const { admin } = await h.asAdmin();
    const { orderId } = await paidOrder(2);
    const view = await admin.orders.transition({
      id: orderId,
      to: 'shipped',
      carrier: 'UPS',
      trackingNumber: '1ZMARK',
    });
    expect(view.status).toBe('shipped');
    expect(view.shipments?.map((s) => [s.carrier, s.trackingNumber, s.lines[0]!.quantity])).toEqual(
      [['UPS', '1ZMARK', 2]],
    );
    await h.expectInvariants();
  });

  it('is FORBIDDEN to a customer', async () => {
    const customer = await h.asCustomer();
    const { orderId, line } = await paidOrder(1);
    for (const call of [
      customer.admin.fulfilment.queue({}),
      customer.admin.fulfilment.ship({
        orderId,
        lines: [{ orderDetailId: line, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: '1Z',
      }),
      customer.admin.fulfilment.shipMany({
        orders: [{ orderId, trackingNumber: '1Z' }],
        carrier: 'UPS',
      }),
      customer.admin.orders.cancelLines({
        orderId,
        lines: [{ orderDetailId: line, quantity: 1 }],
        reason: 'x',
      }),
    ]) {
      expect((await trpcError(call)).code).toBe('FORBIDDEN');
    }
    await h.drainOutbox();
  });
});

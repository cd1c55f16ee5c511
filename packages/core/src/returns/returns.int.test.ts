import { schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { DEFAULT_LOCATION_ID, DomainError } from '@stockpulse/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { placeOrder } from '../orders/placement';
import { getOrder } from '../orders/queries';
import { transitionOrder } from '../orders/transition';
import { deliveredOrder } from '../testing/delivered';
import { openWorld, type World } from '../testing/world';
import { getReturn, listReturns } from './queries';
import { requestReturn } from './request';
import { approveReturn, receiveReturn, refundReturn, rejectReturn } from './staff';

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

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function stockOf(productId: number) {
  const [row] = await world.db
    .select()
    .from(schema.inventory)
    .where(
      and(
        eq(schema.inventory.productId, productId),
        eq(schema.inventory.locationId, DEFAULT_LOCATION_ID),
      ),
    );
  return { onHand: row!.onHand, reserved: row!.reserved, damaged: row!.damaged };
}

async function ledgerOfReturn(returnId: number) {
  return world.db
    .select({
      reason: schema.stockMovements.reason,
      deltaOnHand: schema.stockMovements.deltaOnHand,
      deltaDamaged: schema.stockMovements.deltaDamaged,
    })
    .from(schema.stockMovements)
    .where(
      and(eq(schema.stockMovements.refType, 'return'), eq(schema.stockMovements.refId, returnId)),
    )
    .orderBy(schema.stockMovements.id);
}

describe('requestReturn', () => {
  it('takes shipped units of a delivered order within the window, and shows them on the order', async () => {
    const productId = await world.addProduct({ onHand: 10, priceCents: 1_500 });
    const { orderId, customer, lines } = await deliveredOrder(world, [{ productId, quantity: 3 }]);
    const line = lines[0]!;
    const { returnId } = await requestReturn(world.db, {
      customerId: customer.id,
      orderId,
      lines: [{ orderDetailId: line.id, quantity: 2 }],
      reason: 'too big',
    });
    const view = await getOrder(world.db, orderId, { customerId: customer.id });
    expect(view?.lines[0]).toMatchObject({ orderDetailId: line.id, returnableQuantity: 1 });
    expect(view?.returns).toEqual([
      expect.objectContaining({
        id: returnId,
        status: 'requested',
        reason: 'too big',
        rejectReason: null,
        lines: [{ orderDetailId: line.id, quantity: 2, restockedQuantity: 0, damagedQuantity: 0 }],
      }),
    ]);
    const [activity] = await world.db
      .select({ payload: schema.outbox.payload })
      .from(schema.outbox)
      .where(eq(schema.outbox.topic, 'order:activity'));
    expect(activity).toBeDefined();
  });

  it('is NOT_FOUND for another customer and refuses outside the window, before delivery, past shipped and twice', async () => {
    const productId = await world.addProduct({ onHand: 10 });
    const { orderId, customer, lines } = await deliveredOrder(world, [{ productId, quantity: 2 }]);
    const other = await world.addCustomer();
    const line = lines[0]!;
    const ask = (
      quantity: number,
      extra: { customerId?: number; returnWindowDays?: number } = {},
    ) =>
      requestReturn(world.db, {
        customerId: customer.id,
        orderId,
        lines: [{ orderDetailId: line.id, quantity }],
        reason: 'r',
        ...extra,
      });
    expect((await refusal(ask(1, { customerId: other.id }))).code).toBe('NOT_FOUND');
    const tooMany = await refusal(ask(3));
    expect(tooMany.code).toBe('RETURN_NOT_ALLOWED');
    expect(tooMany.details).toMatchObject({ kind: 'more_than_shipped', shippedQuantity: 2 });
    await ask(2);
    const again = await refusal(ask(1));
    expect(again.details).toMatchObject({ kind: 'already_returned', returnableQuantity: 0 });

    const old = await deliveredOrder(world, [{ productId, quantity: 1 }], { deliveredDaysAgo: 31 });
    const late = await refusal(
      requestReturn(world.db, {
        customerId: old.customer.id,
        orderId: old.orderId,
        lines: [{ orderDetailId: old.lines[0]!.id, quantity: 1 }],
        reason: 'late',
      }),
    );
    expect(late.details).toMatchObject({ kind: 'window', windowDays: 30 });
    // Shipped but not delivered yet: no return.
    const fresh = await world.addCustomer();
    const { order } = await placeOrder(world.db, {
      customerId: fresh.id,
      customerName: fresh.name,
      items: [{ productId, quantity: 1 }],
      idempotencyKey: `undelivered-${Date.now()}`,
    });
    await transitionOrder(world.db, { orderId: order.id, to: 'paid', actor: 'admin:1' });
    await transitionOrder(world.db, { orderId: order.id, to: 'shipped', actor: 'admin:1' });
    const [undelivered] = (await getOrder(world.db, order.id))!.lines;
    const early = await refusal(
      requestReturn(world.db, {
        customerId: fresh.id,
        orderId: order.id,
        lines: [{ orderDetailId: undelivered!.orderDetailId!, quantity: 1 }],
        reason: 'early',
      }),
    );
    expect(early.details).toMatchObject({ kind: 'not_delivered', status: 'shipped' });
    // A longer window (RETURN_WINDOW_DAYS=45) lets the same request through.
    await requestReturn(world.db, {
      customerId: old.customer.id,
      orderId: old.orderId,
      lines: [{ orderDetailId: old.lines[0]!.id, quantity: 1 }],
      reason: 'late',
      returnWindowDays: 45,
    });
  });

  it('frees the units of a rejected return', async () => {
    const productId = await world.addProduct({ onHand: 10 });
    const { orderId, customer, lines } = await deliveredOrder(world, [{ productId, quantity: 1 }]);
    const ask = () =>
      requestReturn(world.db, {
        customerId: customer.id,
        orderId,
        lines: [{ orderDetailId: lines[0]!.id, quantity: 1 }],
        reason: 'r',
      });
    const { returnId } = await ask();
    await rejectReturn(world.db, { id: returnId, reason: 'worn', actor: 'admin:1' });
    expect((await refusal(approveReturn(world.db, { id: returnId, actor: 'admin:1' }))).code).toBe(
      'RETURN_STATE',
    );
    const view = await getOrder(world.db, orderId);
    expect(view?.returns?.[0]).toMatchObject({ status: 'rejected', rejectReason: 'worn' });
    expect(view?.lines[0]?.returnableQuantity).toBe(1);
    await ask();
  });
});

describe('staff returns', () => {
  it('receives restock and damaged units with their stock and ledger, then refunds the received value', async () => {
    const a = await world.addProduct({ onHand: 10, priceCents: 1_000 });
    const b = await world.addProduct({ onHand: 10, priceCents: 2_500 });
    const { orderId, customer, lines } = await deliveredOrder(world, [
      { productId: a, quantity: 3 },
      { productId: b, quantity: 2 },
    ]);
    const [la, lb] = lines;
    expect(await stockOf(a)).toEqual({ onHand: 7, reserved: 0, damaged: 0 });
    const { returnId } = await requestReturn(world.db, {
      customerId: customer.id,
      orderId,
      lines: [
        { orderDetailId: la!.id, quantity: 2 },
        { orderDetailId: lb!.id, quantity: 1 },
      ],
      reason: 'changed my mind',
    });
    const receive = (lines: Parameters<typeof receiveReturn>[1]['lines']) =>
      receiveReturn(world.db, { id: returnId, lines, actor: 'admin:1' });
    expect(
      (await refusal(receive([{ orderDetailId: la!.id, quantity: 1, disposition: 'restock' }])))
        .code,
    ).toBe('RETURN_STATE');
    await approveReturn(world.db, { id: returnId, actor: 'admin:1' });
    const over = await refusal(
      receive([{ orderDetailId: la!.id, quantity: 3, disposition: 'restock' }]),
    );
    expect(over.details).toMatchObject({ kind: 'more_than_requested', expected: 2 });

    expect(
      await receive([
        { orderDetailId: la!.id, quantity: 1, disposition: 'restock' },
        { orderDetailId: la!.id, quantity: 1, disposition: 'damaged' },
      ]),
    ).toMatchObject({ status: 'approved' });
    expect(await stockOf(a)).toEqual({ onHand: 9, reserved: 0, damaged: 1 });
    expect(
      await receive([{ orderDetailId: lb!.id, quantity: 1, disposition: 'damaged' }]),
    ).toMatchObject({
      status: 'received',
    });
    expect(await stockOf(b)).toEqual({ onHand: 9, reserved: 0, damaged: 1 });
    expect(await ledgerOfReturn(returnId)).toEqual([
      { reason: 'return_restock', deltaOnHand: 1, deltaDamaged: 0 },
      { reason: 'return_damaged', deltaOnHand: 1, deltaDamaged: 1 },
      { reason: 'return_damaged', deltaOnHand: 1, deltaDamaged: 1 },
    ]);
    const details = await world.db
      .select({ returned: schema.orderDetails.returnedQuantity })
      .from(schema.orderDetails)
      .where(eq(schema.orderDetails.orderId, orderId))
      .orderBy(schema.orderDetails.productId);
    expect(details.map((d) => d.returned)).toEqual([2, 1]);

    const refunded = await refundReturn(world.db, { id: returnId, actor: 'admin:1' });
    expect(refunded).toMatchObject({ status: 'refunded', amountCents: 2 * 1_000 + 2_500 });
    const [refund] = await world.db
      .select()
      .from(schema.refunds)
      .where(eq(schema.refunds.id, refunded.refundId));
    expect(refund).toMatchObject({ returnId, amountCents: 4_500, status: 'pending', orderId });
    const staff = await getReturn(world.db, returnId);
    expect(staff).toMatchObject({
      status: 'refunded',
      orderId,
      customerName: customer.name,
      requestedCents: 4_500,
      receivedCents: 4_500,
      refundedCents: 4_500,
    });
    expect((await refusal(refundReturn(world.db, { id: returnId, actor: 'admin:1' }))).code).toBe(
      'RETURN_STATE',
    );
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('refuses a refund past what was captured', async () => {
    const productId = await world.addProduct({ onHand: 10, priceCents: 1_000 });
    const { orderId, customer, lines } = await deliveredOrder(world, [{ productId, quantity: 2 }]);
    const { returnId } = await requestReturn(world.db, {
      customerId: customer.id,
      orderId,
      lines: [{ orderDetailId: lines[0]!.id, quantity: 2 }],
      reason: 'r',
    });
    await approveReturn(world.db, { id: returnId, actor: 'admin:1' });
    await receiveReturn(world.db, {
      id: returnId,
      lines: [{ orderDetailId: lines[0]!.id, quantity: 2, disposition: 'restock' }],
      actor: 'admin:1',
    });
    const total = (await getOrder(world.db, orderId))!.totalCents;
    const error = await refusal(
      refundReturn(world.db, { id: returnId, amountCents: total + 1, actor: 'admin:1' }),
    );
    expect(error.code).toBe('REFUND_EXCEEDS_CAPTURED');
    expect(error.details).toMatchObject({ refundableCents: total });
    const [ret] = await world.db
      .select({ status: schema.returns.status })
      .from(schema.returns)
      .where(eq(schema.returns.id, returnId));
    expect(ret?.status).toBe('received');
  });

  it('lists returns newest first by status, page by page', async () => {
    const productId = await world.addProduct({ onHand: 20 });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { orderId, customer, lines } = await deliveredOrder(world, [
        { productId, quantity: 1 },
      ]);
      const { returnId } = await requestReturn(world.db, {
        customerId: customer.id,
        orderId,
        lines: [{ orderDetailId: lines[0]!.id, quantity: 1 }],
        reason: `r${i}`,
      });
      ids.push(returnId);
    }
    await approveReturn(world.db, { id: ids[1]!, actor: 'admin:1' });
    const first = await listReturns(world.db, { status: 'requested', limit: 1 });
    expect(first.items.map((r) => r.id)).toEqual([ids[2]]);
    expect(first.items[0]?.lines).toHaveLength(1);
    const cursor = Number(first.items[0]!.id);
    const second = await listReturns(world.db, { status: 'requested', cursor, limit: 5 });
    expect(second.items.map((r) => r.id)).not.toContain(ids[1]);
    expect(second.items.map((r) => r.id)).toContain(ids[0]);
    const approved = await listReturns(world.db, { status: 'approved', limit: 5 });
    expect(approved.items.map((r) => r.id)).toContain(ids[1]);
  });
});

describe('concurrent returns', () => {
  it('for the same units: exactly one wins per round, and the invariants hold', async () => {
    const productId = await world.addProduct({ onHand: 200 });
    for (let round = 0; round < 12; round++) {
      const { orderId, customer, lines } = await deliveredOrder(world, [
        { productId, quantity: 2 },
      ]);
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () =>
          requestReturn(world.db, {
            customerId: customer.id,
            orderId,
            lines: [{ orderDetailId: lines[0]!.id, quantity: 2 }],
            reason: 'race',
          }),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const lost of results.filter((r) => r.status === 'rejected')) {
        expect((lost.reason as DomainError).details).toMatchObject({ kind: 'already_returned' });
      }
      const held = await world.db
        .select({ quantity: schema.returnLines.quantity })
        .from(schema.returnLines)
        .where(eq(schema.returnLines.orderDetailId, lines[0]!.id));
      expect(held.reduce((s, r) => s + r.quantity, 0)).toBe(2);
    }
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

describe('concurrent receipts', () => {
  it('of the same parcel: one receives it, the others are refused, stock counted once', async () => {
    const productId = await world.addProduct({ onHand: 100 });
    for (let round = 0; round < 8; round++) {
      const { orderId, customer, lines } = await deliveredOrder(world, [
        { productId, quantity: 2 },
      ]);
      const { returnId } = await requestReturn(world.db, {
        customerId: customer.id,
        orderId,
        lines: [{ orderDetailId: lines[0]!.id, quantity: 2 }],
        reason: 'race',
      });
      await approveReturn(world.db, { id: returnId, actor: 'admin:1' });
      const before = await stockOf(productId);
      const results = await Promise.allSettled(
        Array.from({ length: 3 }, (_, i) =>
          receiveReturn(world.db, {
            id: returnId,
            lines: [
              {
                orderDetailId: lines[0]!.id,
                quantity: 2,
                disposition: i % 2 ? 'damaged' : 'restock',
              },
            ],
            actor: 'admin:1',
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const lost of results.filter((r) => r.status === 'rejected')) {
        expect((lost.reason as DomainError).code).toBe('RETURN_STATE');
      }
      expect((await stockOf(productId)).onHand).toBe(before.onHand + 2);
    }
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

describe('return invariants (30–32)', () => {
  it('flag a returned count that is not what was received, and ledger rows that are not the units', async () => {
    const productId = await world.addProduct({ onHand: 10 });
    const { orderId, customer, lines } = await deliveredOrder(world, [{ productId, quantity: 2 }]);
    const { returnId } = await requestReturn(world.db, {
      customerId: customer.id,
      orderId,
      lines: [{ orderDetailId: lines[0]!.id, quantity: 2 }],
      reason: 'r',
    });
    await approveReturn(world.db, { id: returnId, actor: 'admin:1' });
    await receiveReturn(world.db, {
      id: returnId,
      lines: [{ orderDetailId: lines[0]!.id, quantity: 2, disposition: 'damaged' }],
      actor: 'admin:1',
    });
    const ours = async () =>
      (await world.violations({ outbox: false }))
        .filter((v) => v.invariant >= 30)
        .map((v) => [v.invariant, v.entityId]);
    expect(await ours()).toEqual([]);

    // The returned count off by one: 31, in both modes.
    await world.db
      .update(schema.orderDetails)
      .set({ returnedQuantity: 1 })
      .where(eq(schema.orderDetails.id, lines[0]!.id));
    expect(await ours()).toEqual([
      [31, orderId],
      [31, orderId],
    ]);
    await world.db
      .update(schema.orderDetails)
      .set({ returnedQuantity: 2 })
      .where(eq(schema.orderDetails.id, lines[0]!.id));

    // The damaged units' ledger says restocked: 32, in both modes.
    await world.db
      .update(schema.stockMovements)
      .set({ deltaDamaged: 0, reason: 'return_restock' })
      .where(
        and(eq(schema.stockMovements.refType, 'return'), eq(schema.stockMovements.refId, returnId)),
      );
    expect(await ours()).toEqual([
      [32, orderId],
      [32, orderId],
    ]);
    await world.db
      .update(schema.stockMovements)
      .set({ deltaDamaged: 2, reason: 'return_damaged' })
      .where(
        and(eq(schema.stockMovements.refType, 'return'), eq(schema.stockMovements.refId, returnId)),
      );
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

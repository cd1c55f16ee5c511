import { schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { DomainError } from '@stockpulse/shared';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorld, type World } from '../testing/world';
import { placeOrder } from './placement';
import { getOrder } from './queries';
import { transitionOrder } from './transition';

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
async function pendingOrder(quantity = 2, onHand = 10) {
  const customer = await world.addCustomer();
  const productId = await world.addProduct({ onHand });
  const { order } = await placeOrder(world.db, {
    customerId: customer.id,
    customerName: customer.name,
    items: [{ productId, quantity }],
    idempotencyKey: `transition-${++keys}-${Date.now()}`,
  });
  return { order, customer, productId };
}

async function stockOf(productId: number) {
  const [row] = await world.db
    .select()
    .from(schema.inventory)
    .where(eq(schema.inventory.productId, productId));
  return { onHand: row!.onHand, reserved: row!.reserved };
}

describe('transitionOrder', () => {
  it('walks pending → paid → shipped → delivered, consuming the stock on shipping', async () => {
    const { order, productId } = await pendingOrder(2, 10);
    for (const to of ['paid', 'shipped', 'delivered'] as const) {
      expect(
        await transitionOrder(world.db, { orderId: order.id, to, actor: 'admin:1' }),
      ).toMatchObject({ changed: true, to });
    }
    expect(await stockOf(productId)).toEqual({ onHand: 8, reserved: 0 });
    const view = await getOrder(world.db, order.id);
    expect(view?.events?.map((e) => [e.from, e.to])).toEqual([
      [null, 'pending'],
      ['pending', 'paid'],
      ['paid', 'shipped'],
      ['shipped', 'delivered'],
    ]);
    const ledger = await world.db
      .select({
        reason: schema.stockMovements.reason,
        onHand: schema.stockMovements.deltaOnHand,
        reserved: schema.stockMovements.deltaReserved,
      })
      .from(schema.stockMovements)
      .where(eq(schema.stockMovements.variantId, await world.variantOf(productId)))
      .orderBy(asc(schema.stockMovements.id));
    expect(ledger).toEqual([
      { reason: 'opening', onHand: 10, reserved: 0 },
      { reason: 'reserve', onHand: 0, reserved: 2 },
      { reason: 'ship', onHand: -2, reserved: -2 },
    ]);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('releases the reservation when a pending or paid order is cancelled, keeping the reason', async () => {
    for (const paidFirst of [false, true]) {
      const { order, productId } = await pendingOrder(3, 10);
      if (paidFirst)
        await transitionOrder(world.db, { orderId: order.id, to: 'paid', actor: 'worker' });
      await transitionOrder(world.db, {
        orderId: order.id,
        to: 'cancelled',
        actor: 'admin:1',
        reason: 'customer called',
      });
      expect(await stockOf(productId)).toEqual({ onHand: 10, reserved: 0 });
      expect(await getOrder(world.db, order.id)).toMatchObject({
        status: 'cancelled',
        cancelReason: 'customer called',
      });
    }
    expect(await world.violations({ outbox: false })).toEqual([]);
  });

  it('refuses an illegal move with ILLEGAL_TRANSITION naming from and to, changing nothing', async () => {
    const { order, productId } = await pendingOrder();
    const error = await transitionOrder(world.db, {
      orderId: order.id,
      to: 'shipped',
      actor: 'admin:1',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'pending', to: 'shipped' },
    });
    expect(await stockOf(productId)).toEqual({ onHand: 10, reserved: 2 });
    expect((await getOrder(world.db, order.id))?.status).toBe('pending');
  });

  it('with ifStatus, does nothing to an order that has moved on (idempotent workers)', async () => {
    const { order } = await pendingOrder();
    const paid = () =>
      transitionOrder(world.db, {
        orderId: order.id,
        to: 'paid',
        actor: 'worker',
        ifStatus: 'pending',
      });
    expect(await paid()).toMatchObject({ changed: true });
    expect(await paid()).toEqual({ changed: false, from: 'paid', to: 'paid' });
    const view = await getOrder(world.db, order.id);
    expect(view?.events?.filter((e) => e.to === 'paid')).toHaveLength(1);
  });

  it('hides another customer’s order as NOT_FOUND', async () => {
    const { order } = await pendingOrder();
    const stranger = await world.addCustomer();
    const error = await transitionOrder(world.db, {
      orderId: order.id,
      to: 'cancelled',
      actor: `customer:${stranger.id}`,
      customerId: stranger.id,
    }).catch((e) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await getOrder(world.db, order.id))?.status).toBe('pending');
  });

  it('lets exactly one of many concurrent moves of one order win', async () => {
    const { order, productId } = await pendingOrder(4, 10);
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        transitionOrder(world.db, {
          orderId: order.id,
          to: i % 2 ? 'cancelled' : 'paid',
          actor: 'admin:1',
        }),
      ),
    );
    const changed = attempts.filter((a) => a.status === 'fulfilled' && a.value.changed);
    expect(changed.length).toBeGreaterThanOrEqual(1);
    // paid can still be cancelled after, so at most two wins: one pay, then one cancel.
    expect(changed.length).toBeLessThanOrEqual(2);
    const view = await getOrder(world.db, order.id);
    expect(view!.events!.length).toBe(1 + changed.length);
    const stock = await stockOf(productId);
    expect(stock.reserved).toBe(view!.status === 'cancelled' ? 0 : 4);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

import { schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { DomainError, type OrderStatus } from '@stockpulse/shared';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cancelLines } from './fulfilment/cancel-lines';
import { shipLines } from './fulfilment/ship';
import { adjustStock } from './inventory/adjust';
import { cancelRestock, receiveRestock, requestRestock } from './inventory/restock-lifecycle';
import { processOrderPayment } from './orders/payment';
import { placeOrder } from './orders/placement';
import { transitionOrder } from './orders/transition';
import { refundOrder } from './payments/refund-request';
import { capturePayment, processRefund } from './payments/settle';
import { simulatedProvider } from './payments/simulated';
import { requestReturn } from './returns/request';
import { approveReturn, receiveReturn, refundReturn } from './returns/staff';
import { openWorld, type World } from './testing/world';

// The brief's randomized mixed workload: 32 concurrent actors placing, paying (through the
// simulated provider), capturing, cancelling, shipping (whole orders and single units),
// cancelling single units, delivering, returning (request, approve, receive, refund),
// refunding (goodwill, through the provider), adjusting and restocking over a few hundred
// products. Business
// refusals (DomainError) are expected; anything else (a deadlock that leaked, a CHECK
// constraint, a driver error) is a bug. Afterwards every invariant must hold.
const ACTORS = 32;
const OPERATIONS_PER_ACTOR = 100;
const PRODUCTS = 300;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The operation whose weight band `roll` falls in (0 ≤ roll < total weight). */
function pickWeighted<T extends [string, number, unknown]>(operations: T[], roll: number): T {
  let remaining = roll;
  for (const operation of operations) {
    remaining -= operation[1];
    if (remaining < 0) return operation;
  }
  return operations[operations.length - 1]!;
}

let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url, { connectionLimit: ACTORS });
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

describe('a randomized mixed workload', () => {
  it('keeps every invariant with 32 concurrent actors and thousands of operations', async () => {
    const seed = 20261124;
    const setupRandom = prng(seed);
    const products: number[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      products.push(
        await world.addProduct({ onHand: Math.floor(setupRandom() * 40), priceCents: 100 + i }),
      );
    }
    const customers = await Promise.all(Array.from({ length: 40 }, () => world.addCustomer()));
    const admin = await world.addCustomer({ role: 'admin' });
    const orders: number[] = [];
    // Orders this workload moved to paid / shipped: shipping and delivering pick from these,
    // so the longer chains happen often whatever the interleaving (concurrent actors still
    // make some picks stale: those are refused, as they should be).
    const paid: number[] = [];
    const shipped: number[] = [];
    const restocks: number[] = [];
    const delivered: number[] = [];
    const returns: number[] = [];
    const provider = simulatedProvider({ latencyMs: 0, failureRate: 0, secret: 'workload' });
    /** What the money side really did (an operation that found nothing to act on does not count). */
    const done = { captures: 0, returns: 0, received: 0, refunds: 0 };
    const succeeded = new Map<string, number>();
    const refused = new Map<string, number>();
    const unexpected: unknown[] = [];

    const transition =
      (
        to: OrderStatus,
        pick: () => number | undefined,
        options: { reason?: string; into?: number[] } = {},
      ) =>
      async () => {
        const orderId = pick();
        if (orderId === undefined) return;
        await transitionOrder(world.db, {
          orderId,
          to,
          actor: `admin:${admin.id}`,
          reason: options.reason ?? null,
        });
        options.into?.push(orderId);
      };

    /** One line of the order, picked at random (read outside any transaction). */
    const lineOf = async (orderId: number, random: () => number) => {
      const lines = await world.db
        .select({ id: schema.orderDetails.id })
        .from(schema.orderDetails)
        .where(eq(schema.orderDetails.orderId, orderId));
      return lines[Math.floor(random() * lines.length)]?.id;
    };

    async function actor(index: number) {
      const random = prng(seed + index);
      const any = <T>(list: T[]) => list[Math.floor(random() * list.length)];
      // A hot set of 20 products gets half the traffic, so actors really collide.
      const product = () =>
        random() < 0.5 ? products[Math.floor(random() * 20)]! : any(products)!;
      const operations: [string, number, () => Promise<void>][] = [
        [
          'place',
          40,
          async () => {
            const customer = any(customers)!;
            const lines = 1 + Math.floor(random() * 3);
            const items = new Map<number, number>();
            for (let i = 0; i < lines; i++) items.set(product(), 1 + Math.floor(random() * 3));
            const { order } = await placeOrder(world.db, {
              customerId: customer.id,
              customerName: customer.name,
              items: [...items]
                .map(([productId, quantity]) => ({ productId, quantity }))
                .sort((a, b) => a.productId - b.productId),
              idempotencyKey: `workload-${index}-${random().toString(36).slice(2, 12)}`,
            });
            orders.push(order.id);
          },
        ],
        [
          'pay',
          12,
          async () => {
            const orderId = any(orders);
            if (orderId === undefined) return;
            const outcome = await processOrderPayment(world.db, { orderId }, { provider });
            if (outcome.outcome === 'paid') paid.push(orderId);
          },
        ],
        [
          'capture',
          5,
          async () => {
            const orderId = any(random() < 0.5 ? paid : shipped);
            if (orderId === undefined) return;
            const [attempt] = await world.db
              .select({ id: schema.payments.id, status: schema.payments.status })
              .from(schema.payments)
              .where(eq(schema.payments.orderId, orderId))
              .orderBy(desc(schema.payments.id))
              .limit(1);
            if (attempt?.status !== 'authorized') return;
            const outcome = await capturePayment(world.db, provider, attempt.id);
            if (outcome.outcome === 'done') done.captures += 1;
          },
        ],
        [
          'return',
          5,
          async () => {
            const orderId = any(delivered);
            if (orderId === undefined) return;
            const [order] = await world.db
              .select({ customerId: schema.orders.customerId })
              .from(schema.orders)
              .where(eq(schema.orders.id, orderId));
            const line = await lineOf(orderId, random);
            if (!order || line === undefined) return;
            const { returnId } = await requestReturn(world.db, {
              customerId: order.customerId,
              orderId,
              lines: [{ orderDetailId: line, quantity: 1 }],
              reason: 'workload',
            });
            returns.push(returnId);
            done.returns += 1;
          },
        ],
        [
          'approve and receive',
          4,
          async () => {
            const id = any(returns);
            if (id === undefined) return;
            await approveReturn(world.db, { id, actor: `admin:${admin.id}` });
            const lines = await world.db
              .select({
                orderDetailId: schema.returnLines.orderDetailId,
                quantity: schema.returnLines.quantity,
              })
              .from(schema.returnLines)
              .where(eq(schema.returnLines.returnId, id));
            await receiveReturn(world.db, {
              id,
              lines: lines.map((line) => ({
                ...line,
                disposition: random() < 0.7 ? ('restock' as const) : ('damaged' as const),
              })),
              actor: `admin:${admin.id}`,
            });
            done.received += 1;
          },
        ],
        [
          'refund a return',
          3,
          async () => {
            const id = any(returns);
            if (id === undefined) return;
            const { refundId } = await refundReturn(world.db, { id, actor: `admin:${admin.id}` });
            const outcome = await processRefund(world.db, provider, refundId);
            if (outcome.outcome === 'done') done.refunds += 1;
          },
        ],
        [
          'goodwill refund',
          3,
          async () => {
            const orderId = any(random() < 0.5 ? shipped : delivered);
            if (orderId === undefined) return;
            const { refundId } = await refundOrder(world.db, {
              orderId,
              amountCents: 1 + Math.floor(random() * 300),
              reason: 'workload goodwill',
              actor: `admin:${admin.id}`,
            });
            const outcome = await processRefund(world.db, provider, refundId);
            if (outcome.outcome === 'done') done.refunds += 1;
          },
        ],
        ['cancel', 10, transition('cancelled', () => any(orders), { reason: 'workload' })],
        ['ship', 10, transition('shipped', () => any(paid), { into: shipped })],
        ['deliver', 8, transition('delivered', () => any(shipped), { into: delivered })],
        [
          'ship a unit',
          6,
          async () => {
            const orderId = any(paid);
            if (orderId === undefined) return;
            const line = await lineOf(orderId, random);
            if (line === undefined) return;
            const result = await shipLines(world.db, {
              orderId,
              lines: [{ orderDetailId: line, quantity: 1 }],
              carrier: 'Workload Post',
              trackingNumber: `WL${index}-${orderId}`,
              actor: `admin:${admin.id}`,
            });
            if (result.status === 'shipped') shipped.push(orderId);
          },
        ],
        [
          'cancel a unit',
          5,
          async () => {
            // Mostly paid orders (lines of a pending one are refused: ILLEGAL_TRANSITION).
            const orderId = any(random() < 0.8 ? paid : orders);
            if (orderId === undefined) return;
            const line = await lineOf(orderId, random);
            if (line === undefined) return;
            const result = await cancelLines(world.db, {
              orderId,
              lines: [{ orderDetailId: line, quantity: 1 }],
              reason: 'workload',
              actor: `admin:${admin.id}`,
            });
            if (result.status === 'shipped') shipped.push(orderId);
          },
        ],
        [
          'adjust',
          10,
          async () => {
            const delta = Math.floor(random() * 21) - 8 || 1;
            await adjustStock(world.db, {
              adminId: admin.id,
              productId: product(),
              delta,
              reason: 'workload count',
            });
          },
        ],
        [
          'restock',
          5,
          async () => {
            const restock = await requestRestock(world.db, {
              productId: product(),
              quantity: 10 + Math.floor(random() * 20),
              actor: `admin:${admin.id}`,
            });
            restocks.push(restock.id);
          },
        ],
        [
          'receive',
          4,
          async () => {
            const id = any(restocks);
            if (id !== undefined) await receiveRestock(world.db, id);
          },
        ],
        [
          'cancel restock',
          1,
          async () => {
            const id = any(restocks);
            if (id !== undefined) await cancelRestock(world.db, id, `admin:${admin.id}`);
          },
        ],
      ];
      const total = operations.reduce((sum, [, weight]) => sum + weight, 0);
      for (let n = 0; n < OPERATIONS_PER_ACTOR; n++) {
        const [name, , run] = pickWeighted(operations, random() * total);
        try {
          await run();
          succeeded.set(name, (succeeded.get(name) ?? 0) + 1);
        } catch (error) {
          if (error instanceof DomainError)
            refused.set(error.code, (refused.get(error.code) ?? 0) + 1);
          else unexpected.push(error);
        }
      }
    }

    await Promise.all(Array.from({ length: ACTORS }, (_, i) => actor(i)));

    expect(unexpected).toEqual([]);
    // The workload really did the work: every kind of operation succeeded many times.
    for (const name of [
      'place',
      'pay',
      'cancel',
      'ship',
      'deliver',
      'ship a unit',
      'cancel a unit',
      'adjust',
      'restock',
      'receive',
    ]) {
      expect(succeeded.get(name) ?? 0, name).toBeGreaterThan(10);
    }
    expect(refused.get('OUT_OF_STOCK') ?? 0).toBeGreaterThan(0);
    expect(refused.get('ILLEGAL_TRANSITION') ?? 0).toBeGreaterThan(0);
    expect(refused.get('OVER_FULFILMENT') ?? 0).toBeGreaterThan(0);
    // The money side happened too, racing the rest: captures, returns and refunds.
    expect(done.captures, 'captures').toBeGreaterThan(10);
    expect(done.returns, 'returns').toBeGreaterThan(5);
    expect(done.received, 'returns received').toBeGreaterThan(0);
    expect(done.refunds, 'refunds done').toBeGreaterThan(5);
    expect(await world.violations({ outbox: false })).toEqual([]);
  });
});

import { createSession } from '@stockpulse/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AdminHarness, openAdminHarness, TestBrowser } from '../testing';

let harness: AdminHarness;
let redis: Redis;
let productId: number;

beforeAll(async () => {
  harness = await openAdminHarness();
  redis = new Redis(inject('redisUrl'), { lazyConnect: true });
  productId = await harness.world.addProduct({ onHand: 20, priceCents: 1_250 });
});
afterAll(async () => {
  redis.disconnect();
  await harness.close();
});

/** Another signed-in customer, in a browser of their own. */
async function anotherCustomer() {
  const customer = await harness.world.addCustomer();
  const browser = new TestBrowser({
    db: harness.world.db,
    redis,
    redisPrefix: `${inject('redisPrefix')}:orders:`,
  });
  browser.token = (await createSession(harness.world.db, customer.id)).token;
  return browser.caller();
}

let keys = 0;
const key = () => `orders-api-${++keys}-${Date.now()}`;

describe('orders router', () => {
  it('places, lists, reads and cancels the customer’s own order', async () => {
    const api = await harness.asCustomer();
    const placed = await api.orders.place({
      items: [{ productId, quantity: 2 }],
      idempotencyKey: key(),
      expectedTotalCents: 2_500,
    });
    expect(placed).toMatchObject({ status: 'pending', totalCents: 2_500, itemCount: 2 });
    const mine = await api.orders.mine();
    expect(mine.items.map((order) => order.id)).toContain(placed.id);
    const read = await api.orders.byId({ id: placed.id });
    expect(read.lines).toEqual([
      {
        orderDetailId: expect.any(Number),
        returnableQuantity: 0,
        productId,
        variantId: await harness.world.variantOf(productId),
        variantTitle: '',
        name: expect.any(String),
        quantity: 2,
        unitPriceCents: 1_250,
        shippedQuantity: 0,
        cancelledQuantity: 0,
      },
    ]);
    expect(read.shipments).toEqual([]);
    const cancelled = await api.orders.cancel({ id: placed.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'cancelled by customer' });
    await expect(api.orders.cancel({ id: placed.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'ILLEGAL_TRANSITION', details: { from: 'cancelled', to: 'cancelled' } },
    });
    await harness.expectInvariants();
  });

  it('pages through a customer’s orders newest first, each exactly once', async () => {
    const api = await anotherCustomer();
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(
        (await api.orders.place({ items: [{ productId, quantity: 1 }], idempotencyKey: key() })).id,
      );
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.orders.mine>> = await api.orders.mine({
        cursor,
        limit: 3,
      });
      seen.push(...page.items.map((order) => order.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    await harness.expectInvariants();
  });

  it('hides another customer’s order as NOT_FOUND, for reading and cancelling alike', async () => {
    const owner = await harness.asCustomer();
    const { id } = await owner.orders.place({
      items: [{ productId, quantity: 1 }],
      idempotencyKey: key(),
    });
    const stranger = await anotherCustomer();
    await expect(stranger.orders.byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.orders.cancel({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await owner.orders.byId({ id })).status).toBe('pending');
  });

  it('is for signed-in customers: anonymous is UNAUTHORIZED, an admin FORBIDDEN', async () => {
    const anonymous = await harness.asAnonymous();
    await expect(anonymous.orders.mine()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      anonymous.orders.place({ items: [{ productId, quantity: 1 }], idempotencyKey: key() }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const admin = await harness.asAdmin();
    await expect(admin.orders.mine()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it.each([
    [
      'a string quantity',
      { items: [{ productId: 1, quantity: '2' }], idempotencyKey: 'k-12345678' },
    ],
    ['no items', { items: [], idempotencyKey: 'k-12345678' }],
    ['a missing key', { items: [{ productId: 1, quantity: 1 }] }],
    [
      'an extra field',
      { items: [{ productId: 1, quantity: 1 }], idempotencyKey: 'k-12345678', coupon: 'FREE' },
    ],
    [
      'a negative quantity',
      { items: [{ productId: 1, quantity: -1 }], idempotencyKey: 'k-12345678' },
    ],
    [
      'a huge quantity',
      { items: [{ productId: 1, quantity: 1e12 }], idempotencyKey: 'k-12345678' },
    ],
    [
      'an overlong key',
      { items: [{ productId: 1, quantity: 1 }], idempotencyKey: 'k'.repeat(10_000) },
    ],
    [
      'a bad address',
      {
        items: [{ productId: 1, quantity: 1 }],
        idempotencyKey: 'k-12345678',
        shippingAddress: { line1: 'x' },
      },
    ],
    [
      'a negative expected total',
      {
        items: [{ productId: 1, quantity: 1 }],
        idempotencyKey: 'k-12345678',
        expectedTotalCents: -5,
      },
    ],
  ])('answers %s with BAD_REQUEST and field errors, changing nothing', async (_name, input) => {
    const api = await harness.asCustomer();
    const before = await harness.digest();
    const error = await api.orders.place(input as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await harness.digest()).toBe(before);
  });

  it.each([
    [
      'byId of an unknown order',
      (api: Awaited<ReturnType<AdminHarness['asCustomer']>>) =>
        api.orders.byId({ id: 987_654_321 }),
      'NOT_FOUND',
    ],
    [
      'byId of id 0',
      (api: Awaited<ReturnType<AdminHarness['asCustomer']>>) => api.orders.byId({ id: 0 }),
      'BAD_REQUEST',
    ],
    [
      'cancel of a fractional id',
      (api: Awaited<ReturnType<AdminHarness['asCustomer']>>) => api.orders.cancel({ id: 1.5 }),
      'BAD_REQUEST',
    ],
    [
      'mine with a forged cursor',
      (api: Awaited<ReturnType<AdminHarness['asCustomer']>>) =>
        api.orders.mine({ cursor: 'not-a-cursor' }),
      'BAD_REQUEST',
    ],
    [
      'mine with a limit of 0',
      (api: Awaited<ReturnType<AdminHarness['asCustomer']>>) => api.orders.mine({ limit: 0 }),
      'BAD_REQUEST',
    ],
  ])('answers %s with %s', async (_name, call, code) => {
    const api = await harness.asCustomer();
    const before = await harness.digest();
    await expect(call(api)).rejects.toMatchObject({ code });
    expect(await harness.digest()).toBe(before);
  });
});

describe('forged cursors', () => {
  const forged = (ordering: string) =>
    Buffer.from(JSON.stringify([ordering, Number.MAX_SAFE_INTEGER, 1])).toString('base64url');

  it('answers a timestamp beyond any date with BAD_REQUEST, not a 500', async () => {
    const customer = await harness.asCustomer();
    await expect(customer.orders.mine({ cursor: forged('customer-orders') })).rejects.toMatchObject(
      {
        code: 'BAD_REQUEST',
      },
    );
    const admin = await harness.asAdmin();
    await expect(admin.admin.orders.list({ cursor: forged('newest') })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      admin.admin.inventory.ledger({ productId, cursor: forged('ledger') }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

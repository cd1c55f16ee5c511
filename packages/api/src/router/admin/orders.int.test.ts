import { placeOrder, transitionOrder } from '@stockpulse/core';
import { schema } from '@stockpulse/db';
import type { inferProcedureOutput } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import type { AppRouter } from '../../root';
import { type AdminHarness, expectRefused, openAdminHarness, trpcError } from '../../testing';

type Row = inferProcedureOutput<AppRouter['admin']['orders']['list']>['items'][number];

let h: AdminHarness;
const admin = async () => (await h.asAdmin()).admin.orders;

let keys = 0;
/** An order of `quantity` units at `priceCents`, placed by `customer` at `at`, moved to `status`. */
async function order(
  customer: { id: number; name: string },
  options: {
    quantity?: number;
    priceCents?: number;
    at: Date;
    status?: 'pending' | 'paid' | 'shipped' | 'cancelled';
  },
) {
  const productId = await h.world.addProduct({ onHand: 100, priceCents: options.priceCents });
  const { order } = await placeOrder(h.world.db, {
    customerId: customer.id,
    customerName: customer.name,
    items: [{ productId, quantity: options.quantity ?? 1 }],
    idempotencyKey: `admin-orders-${++keys}`,
  });
  const path = {
    pending: [],
    paid: ['paid'],
    shipped: ['paid', 'shipped'],
    cancelled: ['cancelled'],
  }[options.status ?? 'pending'] as ('paid' | 'shipped' | 'cancelled')[];
  for (const to of path) {
    await transitionOrder(h.world.db, { orderId: order.id, to, actor: 'test', reason: 'test' });
  }
  await h.world.db
    .update(schema.orders)
    .set({ createdAt: options.at })
    .where(eq(schema.orders.id, order.id));
  return { id: order.id, productId };
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

let zoe: { id: number; name: string };
let yann: { id: number; name: string };
const ids: number[] = [];

beforeAll(async () => {
  h = await openAdminHarness();
  zoe = await h.world.addCustomer({ name: 'Zoë Quartermain' });
  yann = await h.world.addCustomer({ name: 'Yann Brook' });
  // Two orders share a minute (and a total) so the id tie-break shows.
  const specs = [
    { customer: zoe, priceCents: 500, at: at(1), status: 'paid' },
    { customer: yann, priceCents: 1_500, at: at(2), status: 'pending' },
    { customer: zoe, priceCents: 900, at: at(3), status: 'shipped' },
    { customer: yann, priceCents: 900, at: at(3), status: 'cancelled' },
    { customer: zoe, priceCents: 2_000, at: at(4), status: 'paid', quantity: 3 },
  ] as const;
  for (const { customer, ...spec } of specs) ids.push((await order(customer, spec)).id);
  await h.drainOutbox();
});
afterAll(() => h.close());

async function all(input: Record<string, unknown>, limit: number): Promise<Row[]> {
  const list = (await admin()).list;
  const rows: Row[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page = await list({ ...input, limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    rows.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return rows;
  }
  throw new Error('the list never ended');
}

describe('admin.orders.list', () => {
  it('lists every customer’s orders newest first, with customer, status, total and item count', async () => {
    const { items, nextCursor } = await (await admin()).list();
    expect(nextCursor).toBeNull();
    expect(items.map((row) => row.id)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    expect(items[0]).toMatchObject({
      id: ids[4],
      customerId: zoe.id,
      customerName: 'Zoë Quartermain',
      status: 'paid',
      totalCents: 6_000,
      itemCount: 3,
      createdAt: at(4),
    });
    expect(items[0]!.customerEmail).toMatch(/@example\.com$/);
    expect(items[0]!.updatedAt).toBeInstanceOf(Date);
    expect(items[1]).toMatchObject({ status: 'cancelled', cancelReason: 'test' });
  });

  it('pages through each sort, every order once, in the order of that sort', async () => {
    const byTime = (a: Row, b: Row) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;
    const byTotal = (a: Row, b: Row) => a.totalCents - b.totalCents || a.id - b.id;
    const everything = await all({}, 100);
    const expected = {
      newest: [...everything].sort(byTime).reverse(),
      oldest: [...everything].sort(byTime),
      total_desc: [...everything].sort(byTotal).reverse(),
      total_asc: [...everything].sort(byTotal),
    };
    for (const [sort, rows] of Object.entries(expected)) {
      for (const limit of [1, 2, 3]) {
        const paged = await all({ sort }, limit);
        expect(
          paged.map((row) => row.id),
          `${sort} by ${limit}`,
        ).toEqual(rows.map((row) => row.id));
      }
    }
    expect(expected.total_desc.map((row) => row.totalCents)).toEqual([6_000, 1_500, 900, 900, 500]);
  });

  it('filters by status and searches by order id, customer name or email', async () => {
    const list = (await admin()).list;
    const idsOf = async (input: Parameters<typeof list>[0]) =>
      (await list(input)).items.map((row) => row.id).sort((a, b) => a - b);
    expect(await idsOf({ status: 'paid' })).toEqual([ids[0], ids[4]]);
    expect(await idsOf({ status: 'delivered' })).toEqual([]);
    expect(await idsOf({ search: String(ids[2]) })).toEqual([ids[2]]);
    expect(await idsOf({ search: `#${ids[2]}` })).toEqual([ids[2]]);
    expect(await idsOf({ search: 'quarterm' })).toEqual([ids[0], ids[2], ids[4]]);
    expect(await idsOf({ search: 'YANN' })).toEqual([ids[1], ids[3]]);
    expect(await idsOf({ search: 'yann', status: 'pending' })).toEqual([ids[1]]);
    const [zoeRow] = (await list({ search: 'quarterm' })).items;
    expect(await idsOf({ search: zoeRow!.customerEmail })).toEqual([ids[0], ids[2], ids[4]]);
    // LIKE wildcards are text, not patterns.
    expect(await idsOf({ search: '%' })).toEqual([]);
    expect(await idsOf({ search: '   ' })).toHaveLength(5);
  });

  it('refuses bad input with BAD_REQUEST', async () => {
    const { list } = await admin();
    const { nextCursor } = await list({ sort: 'total_desc', limit: 1 });
    await expectRefused(h, list, [
      { status: 'lost' },
      { sort: 'cheapest' },
      { limit: 0 },
      { limit: 101 },
      { limit: 1.5 },
      { limit: '10' },
      { search: 'x'.repeat(101) },
      { search: 42 },
      { cursor: 'garbage' },
      // A cursor of another sort.
      { sort: 'newest', cursor: nextCursor },
      { page: 2 },
    ]);
  });
});

describe('admin.orders.byId', () => {
  it('answers the order with lines, customer, shipping address and status timeline', async () => {
    const view = await (await admin()).byId({ id: ids[2]! });
    expect(view).toMatchObject({
      id: ids[2],
      status: 'shipped',
      totalCents: 900,
      customer: { id: zoe.id, name: 'Zoë Quartermain' },
      shippingAddress: { line1: '1 Test Street', city: 'Testville', country: 'US' },
      lines: [{ quantity: 1, unitPriceCents: 900 }],
    });
    expect(view.customer.email).toMatch(/@example\.com$/);
    expect(view.events?.map((e) => [e.from, e.to])).toEqual([
      [null, 'pending'],
      ['pending', 'paid'],
      ['paid', 'shipped'],
    ]);
  });

  it('names who moved the order: the customer and the admin by name, the worker as a process', async () => {
    const { id } = await order(yann, { at: at(20) });
    await transitionOrder(h.world.db, { orderId: id, to: 'paid', actor: 'worker', reason: null });
    const shipped = await (await admin()).transition({ id, to: 'shipped' });
    const expected = [
      [`customer:${yann.id}`, 'Yann Brook'],
      ['worker', 'Background worker'],
      [`admin:${h.adminId}`, 'Ada Admin'],
    ];
    expect(shipped.events.map((e) => [e.actor, e.actorName])).toEqual(expected);
    const view = await (await admin()).byId({ id });
    expect(view.events.map((e) => [e.actor, e.actorName])).toEqual(expected);
  });

  it('is NOT_FOUND for an unknown order, BAD_REQUEST for a malformed id', async () => {
    const { byId } = await admin();
    await expectRefused(h, byId, [{ id: 2 ** 40 }], 'NOT_FOUND');
    await expectRefused(h, byId, [
      { id: -1 },
      { id: 0 },
      { id: '1' },
      {},
      { id: 1, x: 1 },
      undefined,
    ]);
  });
});

describe('admin.orders.transition', () => {
  it('ships a paid order as the admin, consuming its stock, and delivers it', async () => {
    const { id, productId } = await order(yann, { quantity: 2, at: at(10), status: 'paid' });
    await h.drainOutbox();
    const { transition } = await admin();
    const shipped = await transition({ id, to: 'shipped' });
    expect(shipped.status).toBe('shipped');
    expect(shipped.events?.at(-1)).toMatchObject({
      from: 'paid',
      to: 'shipped',
      actor: `admin:${h.adminId}`,
    });
    const [stock] = await h.world.db
      .select()
      .from(schema.inventory)
      .where(eq(schema.inventory.productId, productId));
    expect(stock).toMatchObject({ onHand: 98, reserved: 0 });
    const outbox = await h.drainOutbox();
    // Through shipLines (DESIGN §12): the shipment's activity too.
    expect(outbox.map((row) => row.topic)).toEqual([
      'order:updated',
      'inventory:changed',
      'order:activity',
    ]);
    const delivered = await transition({ id, to: 'delivered', reason: 'signed for by J.' });
    expect(delivered.events?.at(-1)).toMatchObject({ to: 'delivered', reason: 'signed for by J.' });
    await h.expectInvariants();
  });

  it('cancels with the reason, releasing the reservation', async () => {
    const { id, productId } = await order(zoe, { quantity: 4, at: at(11), status: 'pending' });
    const cancelled = await (await admin()).transition({
      id,
      to: 'cancelled',
      reason: '  customer phoned  ',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'customer phoned' });
    const [stock] = await h.world.db
      .select()
      .from(schema.inventory)
      .where(eq(schema.inventory.productId, productId));
    expect(stock).toMatchObject({ onHand: 100, reserved: 0 });
    await h.expectInvariants();
  });

  it('refuses an illegal move with ILLEGAL_TRANSITION naming from and to, changing nothing', async () => {
    const { id } = await order(zoe, { at: at(12), status: 'pending' });
    await h.drainOutbox();
    const before = await h.digest();
    const error = await trpcError((await admin()).transition({ id, to: 'delivered' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.cause).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'pending', to: 'delivered' },
    });
    expect(await h.digest()).toBe(before);
  });

  it('refuses bad input (and `paid`, which only payment sets) with BAD_REQUEST, an unknown order with NOT_FOUND', async () => {
    const { id } = await order(zoe, { at: at(13), status: 'paid' });
    await h.drainOutbox();
    const { transition } = await admin();
    await expectRefused(h, transition, [
      { id, to: 'cancelled' },
      { id, to: 'cancelled', reason: '   ' },
      { id, to: 'cancelled', reason: 'x'.repeat(201) },
      { id, to: 'paid' },
      { id, to: 'pending' },
      { id, to: 'lost' },
      { id },
      { to: 'shipped' },
      { id: -id, to: 'shipped' },
      { id: String(id), to: 'shipped' },
      { id, to: 'shipped', notify: true },
    ]);
    await expectRefused(h, transition, [{ id: 2 ** 40, to: 'shipped' }], 'NOT_FOUND');
    await h.expectInvariants();
  });
});

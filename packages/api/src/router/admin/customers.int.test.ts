import { placeOrder, transitionOrder } from '@stockpulse/core';
import { schema } from '@stockpulse/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { type AdminHarness, expectRefused, openAdminHarness } from '../../testing';

let h: AdminHarness;
const customers = async () => (await h.asAdmin()).admin.customers;

let keys = 0;
async function order(
  customer: { id: number; name: string },
  priceCents: number,
  path: ('paid' | 'shipped' | 'delivered' | 'cancelled')[],
  at: Date,
) {
  const productId = await h.world.addProduct({ priceCents });
  const { order } = await placeOrder(h.world.db, {
    customerId: customer.id,
    customerName: customer.name,
    items: [{ productId, quantity: 1 }],
    idempotencyKey: `customers-${++keys}`,
  });
  for (const to of path) {
    await transitionOrder(h.world.db, { orderId: order.id, to, actor: 'test', reason: 'test' });
  }
  await h.world.db
    .update(schema.orders)
    .set({ createdAt: at })
    .where(eq(schema.orders.id, order.id));
  return order.id;
}

let olga: { id: number; name: string };
let pedro: { id: number; name: string };
let quinn: { id: number; name: string };
const day = (d: number) => new Date(Date.UTC(2026, 2, d, 9));

beforeAll(async () => {
  h = await openAdminHarness();
  olga = await h.world.addCustomer({ name: 'Olga Marsh' });
  pedro = await h.world.addCustomer({ name: 'Pedro Marsh' });
  quinn = await h.world.addCustomer({ name: 'Quinn Nobuys', withAddress: false });
  // Olga: delivered 1000 + shipped 2000 + paid 300 count; pending 50_000 and cancelled 7_000 do not.
  await order(olga, 1_000, ['paid', 'shipped', 'delivered'], day(1));
  await order(olga, 2_000, ['paid', 'shipped'], day(2));
  await order(olga, 300, ['paid'], day(3));
  await order(olga, 50_000, [], day(4));
  await order(olga, 7_000, ['cancelled'], day(5));
  await order(pedro, 450, ['paid'], day(6));
  await h.drainOutbox();
});
afterAll(() => h.close());

describe('admin.customers.list', () => {
  it('lists customers newest first with order count, lifetime value and last order', async () => {
    const { items } = await (await customers()).list({ search: 'marsh' });
    expect(items).toEqual([
      {
        id: pedro.id,
        name: 'Pedro Marsh',
        email: expect.stringMatching(/@example\.com$/),
        phone: null,
        createdAt: expect.any(Date),
        orderCount: 1,
        lifetimeValueCents: 450,
        lastOrderAt: day(6),
      },
      expect.objectContaining({
        id: olga.id,
        orderCount: 5,
        lifetimeValueCents: 3_300,
        lastOrderAt: day(5),
      }),
    ]);
    const none = await (await customers()).list({ search: 'nobuys' });
    expect(none.items).toEqual([
      expect.objectContaining({
        id: quinn.id,
        orderCount: 0,
        lifetimeValueCents: 0,
        lastOrderAt: null,
      }),
    ]);
  });

  it('searches by email, leaves admins out, and pages through everyone once', async () => {
    const { list } = await customers();
    const [olgaRow] = (await list({ search: 'olga' })).items;
    expect((await list({ search: olgaRow!.email.toUpperCase() })).items.map((c) => c.id)).toEqual([
      olga.id,
    ]);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list({
        limit: 1,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([quinn.id, pedro.id, olga.id, h.customer.id]);
    expect(seen).not.toContain(h.adminId);
  });

  it('finds customers by the start of any word of the name or the email', async () => {
    const { list } = await customers();
    const ids = async (search: string) => (await list({ search })).items.map((c) => c.id);
    expect(await ids('MAR')).toEqual([pedro.id, olga.id]);
    expect(await ids('olga mar')).toEqual([olga.id]);
    // The middle of a word is not how anyone types a name.
    expect(await ids('arsh')).toEqual([]);
    const [olgaRow] = (await list({ search: 'olga' })).items;
    // `c12-k3j9x0aa@example.com`: its local part, and the start of it.
    const local = olgaRow!.email.split('@')[0]!;
    expect(await ids(local)).toEqual([olga.id]);
    expect(await ids(local.slice(0, -3))).toEqual([olga.id]);
    expect(await ids(`${local}@exam`)).toEqual([olga.id]);
    expect(await ids('%')).toEqual([]);
  });

  it('refuses bad input with BAD_REQUEST', async () => {
    await expectRefused(h, (await customers()).list, [
      { limit: 0 },
      { limit: -5 },
      { search: 'x'.repeat(101) },
      { search: ['olga'] },
      { cursor: 'bad' },
      { role: 'admin' },
    ]);
  });
});

describe('admin.customers.byId', () => {
  it('answers the profile, lifetime value and recent orders', async () => {
    const customer = await (await customers()).byId({ id: olga.id });
    expect(customer).toMatchObject({
      id: olga.id,
      name: 'Olga Marsh',
      address: { line1: '1 Test Street', city: 'Testville', postalCode: '12345', country: 'US' },
      orderCount: 5,
      lifetimeValueCents: 3_300,
      lastOrderAt: day(5),
    });
    expect(customer.recentOrders.map((o) => [o.status, o.totalCents])).toEqual([
      ['cancelled', 7_000],
      ['pending', 50_000],
      ['paid', 300],
      ['shipped', 2_000],
      ['delivered', 1_000],
    ]);
    expect((await (await customers()).byId({ id: quinn.id })).address).toBeNull();
  });

  it('is NOT_FOUND for an unknown id or an admin, BAD_REQUEST for a malformed one', async () => {
    const { byId } = await customers();
    await expectRefused(h, byId, [{ id: 2 ** 40 }, { id: h.adminId }], 'NOT_FOUND');
    await expectRefused(h, byId, [{ id: 0 }, { id: 'me' }, {}, { id: olga.id, full: true }]);
  });
});

import { schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { ORDER_STATUSES, type OrderStatus } from '@stockpulse/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorld, type World } from '../testing/world';
import {
  ADMIN_ORDER_SORTS,
  type AdminOrderQuery,
  type AdminOrderSort,
  decodeAdminOrderCursor,
  listAdminOrders,
} from './admin-list';

// The orders list has three plans (admin-page-ids.ts): the sort's index, per-customer ranges
// merged, and the sort's index walked against the matching customers. Whatever the plan,
// every page must hold the rows a plain sort of the whole table would put there.

let database: TestDatabase;
let world: World;

interface Order {
  id: number;
  customerId: number;
  status: OrderStatus;
  totalCents: number;
  createdAt: Date;
}
const all: Order[] = [];
const people: Record<string, { id: number; email: string }> = {};

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url);
  for (const name of ['Ana Smith', 'Ben Smithson', 'Cleo Blacksmith', 'Dan Jones', 'Li Wu']) {
    const { id } = await world.addCustomer({ name });
    const [user] = await world.db
      .select({ email: schema.users.email })
      .from(schema.users)
      .where(eq(schema.users.id, id));
    people[name] = { id, email: user!.email };
  }
  const ids = Object.values(people).map((p) => p.id);
  // Few distinct totals and times, so the id tie-break decides many places.
  const rows = Array.from({ length: 60 }, (_, i) => ({
    // Each customer gets orders in every status.
    customerId: ids[(i + Math.floor(i / 5)) % ids.length]!,
    status: ORDER_STATUSES[i % ORDER_STATUSES.length]!,
    totalCents: [500, 900, 1_500, 900][i % 4]!,
    itemCount: 1,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, i % 9)),
    shipName: 'Test',
    shipLine1: '1 Test Street',
    shipCity: 'Testville',
    shipPostalCode: '12345',
    shipCountry: 'US',
    idempotencyKey: `list-${i}`,
    requestHash: 'x'.repeat(64),
  }));
  for (const row of rows) {
    const [result] = await world.db.insert(schema.orders).values(row);
    all.push({ ...row, id: result.insertId });
  }
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

function expected(sort: AdminOrderSort, status?: OrderStatus, customerIds?: number[]) {
  const key = (o: Order) =>
    sort === 'newest' || sort === 'oldest' ? o.createdAt.getTime() : o.totalCents;
  const sign = sort === 'newest' || sort === 'total_desc' ? -1 : 1;
  return all
    .filter(
      (o) =>
        (!status || o.status === status) && (!customerIds || customerIds.includes(o.customerId)),
    )
    .sort((a, b) => sign * (key(a) - key(b) || a.id - b.id))
    .map((o) => o.id);
}

/** Every page of a query, `limit` at a time, following the cursors. */
async function pages(query: Omit<AdminOrderQuery, 'cursor'>, fewMatches?: number) {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 100; n++) {
    const decoded = cursor ? decodeAdminOrderCursor(cursor, query.sort) : undefined;
    const page = await listAdminOrders(
      world.db,
      { ...query, cursor: decoded ?? undefined },
      { fewMatches },
    );
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    ids.push(...page.items.map((row) => row.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('the list never ended');
}

describe('listAdminOrders', () => {
  it('pages every sort, with and without a status, in the order of a full sort', async () => {
    for (const sort of ADMIN_ORDER_SORTS) {
      for (const status of [undefined, 'paid', 'cancelled'] as const) {
        for (const limit of [4, 25]) {
          expect(await pages({ sort, status, limit }), `${sort} ${status} by ${limit}`).toEqual(
            expected(sort, status),
          );
        }
      }
    }
  });

  it('searches by customer the same through per-customer ranges and the index walk', async () => {
    const smiths = [people['Ana Smith']!.id, people['Ben Smithson']!.id];
    for (const sort of ADMIN_ORDER_SORTS) {
      for (const status of [undefined, 'pending', 'delivered'] as const) {
        const want = expected(sort, status, smiths);
        expect(want.length).toBeGreaterThan(0);
        for (const fewMatches of [100, 1]) {
          const got = await pages({ sort, status, search: 'smith', limit: 3 }, fewMatches);
          expect(got, `${sort} ${status} at most ${fewMatches}`).toEqual(want);
        }
      }
    }
  });

  it('finds a customer by word prefixes of the name or the email, or by the whole email', async () => {
    const ids = async (search: string) =>
      new Set(
        (await pages({ sort: 'newest', search, limit: 100 })).map(
          (id) => all.find((o) => o.id === id)!.customerId,
        ),
      );
    const ana = people['Ana Smith']!;
    const cleo = people['Cleo Blacksmith']!;
    expect(await ids('SMI')).toEqual(new Set([ana.id, people['Ben Smithson']!.id]));
    // A word prefix, not a substring: "smith" is not how "Blacksmith" starts.
    expect(await ids('blacksm')).toEqual(new Set([cleo.id]));
    expect(await ids('ana smith')).toEqual(new Set([ana.id]));
    expect(await ids(ana.email)).toEqual(new Set([ana.id]));
    expect(await ids(ana.email.toUpperCase())).toEqual(new Set([ana.id]));
    // The email's words while it is being typed: `c12-abcd` of `c12-abcdefgh@example.com`.
    expect(await ids(ana.email.slice(0, ana.email.indexOf('-') + 5))).toEqual(new Set([ana.id]));
    // Words too short for the FULLTEXT index: the start of the name.
    expect(await ids('li')).toEqual(new Set([people['Li Wu']!.id]));
    expect(await ids('li wu')).toEqual(new Set([people['Li Wu']!.id]));
    expect(await ids('nobody')).toEqual(new Set());
    expect(await ids('%_')).toEqual(new Set());
  });

  it('finds an order by its id, within the status filter', async () => {
    const order = all[7]!;
    const list = (search: string, status?: OrderStatus) =>
      listAdminOrders(world.db, { sort: 'total_desc', search, status, limit: 25 });
    expect((await list(`#${order.id}`)).items.map((row) => row.id)).toEqual([order.id]);
    expect((await list(String(order.id), order.status)).items).toHaveLength(1);
    const other = ORDER_STATUSES.find((s) => s !== order.status)!;
    expect((await list(String(order.id), other)).items).toEqual([]);
  });
});

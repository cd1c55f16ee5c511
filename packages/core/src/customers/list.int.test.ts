import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorld, type World } from '../testing/world';
import { type CustomerQuery, decodeCustomerCursor, listCustomers } from './list';

// A search that matches few people pages through their ids; a broad one walks
// `customers` against the matches (list.ts). Both must give the same pages.

let database: TestDatabase;
let world: World;
const smiths: number[] = [];

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url);
  for (const name of ['Ana Smith', 'Bo Jones', 'Ben Smithson', 'Cleo Blacksmith', 'Eve Smith']) {
    const { id } = await world.addCustomer({ name });
    if (/\bsmith/i.test(name)) smiths.push(id);
  }
  // Staff are users too, but no customers.
  await world.addCustomer({ name: 'Sam Smith', role: 'admin' });
});
afterAll(async () => {
  await world.close();
  await database.drop();
});

async function pages(query: Omit<CustomerQuery, 'cursor'>) {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await listCustomers(world.db, {
      ...query,
      cursor: cursor ? (decodeCustomerCursor(cursor) ?? undefined) : undefined,
    });
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    ids.push(...page.items.map((row) => row.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('listCustomers', () => {
  it('pages a search the same through the matches’ ids and through the walk of customers', async () => {
    const newestFirst = [...smiths].sort((a, b) => b - a);
    for (const limit of [1, 2, 25]) {
      for (const fewMatches of [100, 1]) {
        expect(
          await pages({ search: 'smith', limit, fewMatches }),
          `${limit} ${fewMatches}`,
        ).toEqual(newestFirst);
      }
    }
    expect(await pages({ search: 'nobody', limit: 2, fewMatches: 1 })).toEqual([]);
  });
});

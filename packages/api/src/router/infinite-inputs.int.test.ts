import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, openAdminHarness } from '../testing';

// TanStack's useInfiniteQuery, through tRPC's `infiniteQueryOptions`, sends `direction`
// next to `cursor` on every page; the paged procedures the storefront scrolls must accept it.
let harness: AdminHarness;

beforeAll(async () => {
  harness = await openAdminHarness();
  for (let i = 0; i < 3; i++) await harness.world.addProduct({ name: `Scroll item ${i}` });
});
afterAll(async () => {
  await harness.close();
});

describe('inputs of infinite queries', () => {
  it('catalog.list pages the same with and without direction: forward', async () => {
    const api = await harness.asAnonymous();
    const first = await api.catalog.list({ limit: 2, direction: 'forward' });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await api.catalog.list({
      limit: 2,
      cursor: first.nextCursor!,
      direction: 'forward',
    });
    const plain = await api.catalog.list({ limit: 2, cursor: first.nextCursor! });
    expect(second).toEqual(plain);
  });

  it('orders.mine accepts direction too', async () => {
    const api = await harness.asCustomer();
    const page = await api.orders.mine({ limit: 5, direction: 'forward' });
    expect(page).toEqual({ items: [], nextCursor: null });
  });
});

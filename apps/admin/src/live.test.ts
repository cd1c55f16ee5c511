import type { InventoryChanged } from '@stockpulse/shared';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { patchStockRows } from './live';
import { trpc } from './trpc';

const row = (productId: number, version: number) => ({
  productId,
  onHand: 10,
  reserved: 2,
  available: 8,
  incoming: 0,
  reorderPoint: 5,
  reorderQuantity: 20,
  restockGap: 3,
  version,
});

const event = (productId: number, version: number, available: number): InventoryChanged => ({
  productId,
  available,
  onHand: available + 2,
  reserved: 2,
  incoming: 4,
  version,
});

describe('patchStockRows', () => {
  it('patches the product in every cached stock page and its own row, in place', () => {
    const queryClient = new QueryClient();
    const list = trpc.admin.inventory.list.queryKey({ limit: 25 });
    const searched = trpc.admin.inventory.list.queryKey({ search: 'tea', limit: 25 });
    const single = trpc.admin.inventory.byId.queryKey({ productId: 1 });
    queryClient.setQueryData(list, { items: [row(1, 3), row(2, 1)], nextCursor: null } as never);
    queryClient.setQueryData(searched, { items: [row(2, 1)], nextCursor: null } as never);
    queryClient.setQueryData(single, row(1, 3) as never);
    const untouched = queryClient.getQueryData(searched);

    patchStockRows(queryClient, event(1, 4, 1));

    const [patched, other] = (queryClient.getQueryData(list) as { items: ReturnType<typeof row>[] })
      .items;
    expect(patched).toMatchObject({ available: 1, onHand: 3, incoming: 4, version: 4 });
    // Position (available + incoming) 5 against a reorder point of 5: due a restock.
    expect(patched?.restockGap).toBe(0);
    expect(other).toEqual(row(2, 1));
    expect(queryClient.getQueryData(searched)).toBe(untouched);
    expect(queryClient.getQueryData(single)).toMatchObject({ available: 1, version: 4 });
  });

  it('ignores an event older than the row it holds', () => {
    const queryClient = new QueryClient();
    const single = trpc.admin.inventory.byId.queryKey({ productId: 1 });
    queryClient.setQueryData(single, row(1, 9) as never);
    patchStockRows(queryClient, event(1, 8, 0));
    expect(queryClient.getQueryData(single)).toEqual(row(1, 9));
  });

  it('refetches a low-stock list rather than patch it: the product may enter or leave it', () => {
    const queryClient = new QueryClient();
    const low = trpc.admin.inventory.list.queryKey({ lowStockOnly: true, limit: 8 });
    queryClient.setQueryData(low, { items: [], nextCursor: null } as never);
    patchStockRows(queryClient, event(1, 2, 0));
    expect(queryClient.getQueryState(low)?.isInvalidated).toBe(true);
  });
});

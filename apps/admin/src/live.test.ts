import type { InventoryChanged, LocationStock } from '@stockpulse/shared';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { patchStockRows } from './live';
import { trpc } from './trpc';

const row = (variantId: number, locationId: number, available = 8) => ({
  productId: 1,
  variantId,
  locationId,
  onHand: available + 2,
  reserved: 2,
  available,
  incoming: 0,
  damaged: 0,
  qualityControl: 0,
  safetyStock: 0,
  reorderPoint: 5,
  reorderQuantity: 20,
  restockGap: available - 5,
  version: 1,
});

const at = (locationId: number, available: number, extra: Partial<LocationStock> = {}) => ({
  locationId,
  available,
  onHand: available + 2,
  reserved: 2,
  incoming: 4,
  damaged: 0,
  qualityControl: 0,
  safetyStock: 0,
  ...extra,
});

const event = (variantId: number, locations?: LocationStock[]): InventoryChanged => ({
  productId: 1,
  variantId,
  available: 0,
  onHand: 0,
  reserved: 0,
  incoming: 0,
  unavailable: 0,
  productAvailable: 0,
  version: 7,
  ...(locations ? { locations } : {}),
});

type Rows = { items: ReturnType<typeof row>[] };

describe('patchStockRows', () => {
  it("patches each cached row of the variant from its own location's figures, in place", () => {
    const queryClient = new QueryClient();
    const list = trpc.admin.inventory.list.queryKey({ limit: 25 });
    const atTwo = trpc.admin.inventory.list.queryKey({ locationId: 2, limit: 25 });
    const grid = trpc.admin.inventory.product.queryKey({ productId: 1 });
    const single = trpc.admin.inventory.byId.queryKey({ variantId: 10, locationId: 2 });
    queryClient.setQueryData(list, {
      items: [row(10, 1), row(10, 2), row(11, 1)],
      nextCursor: null,
    } as never);
    queryClient.setQueryData(atTwo, { items: [row(11, 2)], nextCursor: null } as never);
    queryClient.setQueryData(grid, [row(10, 1), row(10, 2)] as never);
    queryClient.setQueryData(single, row(10, 2) as never);
    const untouched = queryClient.getQueryData(atTwo);

    patchStockRows(queryClient, event(10, [at(1, 1), at(2, 3, { damaged: 2 })]));

    const [first, second, other] = (queryClient.getQueryData(list) as Rows).items;
    expect(first).toMatchObject({ locationId: 1, available: 1, onHand: 3, incoming: 4 });
    // Position (available + incoming) 5 against a reorder point of 5: due a restock.
    expect(first?.restockGap).toBe(0);
    expect(second).toMatchObject({ locationId: 2, available: 3, damaged: 2 });
    expect(other).toEqual(row(11, 1));
    expect(queryClient.getQueryData(atTwo)).toBe(untouched);
    expect(queryClient.getQueryData(grid)).toMatchObject([{ available: 1 }, { available: 3 }]);
    expect(queryClient.getQueryData(single)).toMatchObject({ available: 3, damaged: 2 });
    expect(queryClient.getQueryState(list)?.isInvalidated).toBe(false);
  });

  it('leaves the cache as it is when the figures are the ones it holds', () => {
    const queryClient = new QueryClient();
    const list = trpc.admin.inventory.list.queryKey({ limit: 25 });
    queryClient.setQueryData(list, { items: [row(10, 1)], nextCursor: null } as never);
    const before = queryClient.getQueryData(list);
    patchStockRows(queryClient, event(10, [{ ...at(1, 8), incoming: 0 }]));
    expect(queryClient.getQueryData(list)).toBe(before);
  });

  it('refetches a list it cannot patch: low stock (rows enter or leave), or no breakdown', () => {
    const queryClient = new QueryClient();
    const low = trpc.admin.inventory.list.queryKey({ lowStockOnly: true, limit: 8 });
    const list = trpc.admin.inventory.list.queryKey({ limit: 25 });
    queryClient.setQueryData(low, { items: [], nextCursor: null } as never);
    queryClient.setQueryData(list, { items: [row(10, 1)], nextCursor: null } as never);
    patchStockRows(queryClient, event(10));
    expect(queryClient.getQueryState(low)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(list)?.isInvalidated).toBe(true);
  });
});

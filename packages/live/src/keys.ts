import type { AppRouter } from '@stockpulse/api';
import type { QueryClient } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';

/**
 * The query keys the live layer patches, derived from the routers' types through tRPC's
 * own helpers (`pathKey`, `queryKey`, `pathFilter`), so a renamed procedure or input
 * breaks the typecheck instead of silently patching nothing. The proxy only builds keys:
 * its client has no link and is never called.
 */
export function liveKeys(queryClient: QueryClient) {
  const trpc = createTRPCOptionsProxy<AppRouter>({
    client: createTRPCClient<AppRouter>({ links: [] }),
    queryClient,
  });
  return {
    /** Every `catalog.list` query and infinite query, whatever its input. */
    catalogList: () => trpc.catalog.list.pathKey(),
    catalogById: (id: number) => trpc.catalog.byId.queryKey({ id }),
    /** The customer's own lists (`orders.mine`), any input. */
    myOrders: () => trpc.orders.mine.pathKey(),
    myOrder: (id: number) => trpc.orders.byId.queryKey({ id }),
    /** The console's order lists (`admin.orders.list`), any filter or sort. */
    adminOrders: () => trpc.admin.orders.list.pathKey(),
    adminOrder: (id: number) => trpc.admin.orders.byId.queryKey({ id }),
    /** What a reconnect invalidates: everything the live layer keeps fresh. */
    servedFilters: () => [
      trpc.catalog.pathFilter(),
      trpc.orders.pathFilter(),
      trpc.admin.orders.pathFilter(),
    ],
  };
}

export type LiveKeys = ReturnType<typeof liveKeys>;

/** The input a tRPC query key was built with (`[path, { input, type }]`), if any. */
export function inputOf(queryKey: readonly unknown[]): Record<string, unknown> | undefined {
  const meta = queryKey[1];
  if (meta && typeof meta === 'object' && 'input' in meta) {
    const input = (meta as { input?: unknown }).input;
    if (input && typeof input === 'object') return input as Record<string, unknown>;
  }
  return undefined;
}

/** `'infinite'` for useInfiniteQuery keys, `'query'` otherwise. */
export function typeOf(queryKey: readonly unknown[]): string | undefined {
  const meta = queryKey[1];
  return meta && typeof meta === 'object' && 'type' in meta
    ? String((meta as { type?: unknown }).type)
    : undefined;
}

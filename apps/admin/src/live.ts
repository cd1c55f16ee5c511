import { createLiveClient, type LiveClient } from '@stockpulse/live';
import type { InventoryChanged } from '@stockpulse/shared';
import type { QueryClient } from '@tanstack/react-query';
import { trpc } from './trpc';

/**
 * The console's socket is opened only once an administrator is signed in: the server
 * puts it in the `admin` room at the handshake, so a socket opened before sign-in would
 * hear nothing. The live package patches the order lists and details itself; what it
 * does not know of (stock rows, sales totals, restocks) is kept fresh here.
 */
export function startLive(queryClient: QueryClient): LiveClient {
  const client = createLiveClient({ queryClient });
  const refresh = debounced(queryClient, 400);
  client.subscribe((event) => {
    switch (event.event) {
      case 'inventory:changed':
        patchStockRows(queryClient, event.payload);
        refresh(trpc.admin.inventory.ledger.pathFilter());
        break;
      case 'order:created':
      case 'order:updated':
        refresh(trpc.admin.sales.pathFilter());
        refresh(trpc.admin.orders.counts.pathFilter());
        refresh(trpc.admin.customers.pathFilter());
        refresh(trpc.admin.queues.pathFilter());
        break;
      // The relay has folded order events into the sales figures and the order counts:
      // what the refetch above may have read a moment too early.
      case 'sales:changed':
        refresh(trpc.admin.sales.pathFilter());
        refresh(trpc.admin.orders.counts.pathFilter());
        break;
      case 'restock:updated':
        refresh(trpc.admin.restocks.pathFilter());
        refresh(trpc.admin.inventory.list.pathFilter());
        break;
    }
  });
  return client;
}

type Filter = ReturnType<typeof trpc.admin.sales.pathFilter>;

/** Invalidates each filter at most once per `waitMs`: a burst of orders is one refetch. */
function debounced(queryClient: QueryClient, waitMs: number) {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  return (filter: Filter) => {
    const key = JSON.stringify(filter.queryKey);
    if (pending.has(key)) return;
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        void queryClient.invalidateQueries(filter);
      }, waitMs),
    );
  };
}

interface StockRowLike {
  productId: number;
  reorderPoint: number;
  restockGap: number;
  onHand: number;
  reserved: number;
  available: number;
  incoming: number;
  version: number;
}

/**
 * An `inventory:changed` patched into every cached stock page in place (older versions
 * ignored); a low-stock list is refetched instead, as the product may enter or leave it.
 */
export function patchStockRows(queryClient: QueryClient, event: InventoryChanged) {
  queryClient.setQueryData(
    trpc.admin.inventory.byId.queryKey({ productId: event.productId }),
    (row) => row && applyStock(row, event),
  );
  const filter = trpc.admin.inventory.list.pathFilter();
  for (const query of queryClient.getQueryCache().findAll(filter)) {
    const input = (query.queryKey[1] as { input?: { lowStockOnly?: boolean } } | undefined)?.input;
    if (input?.lowStockOnly) {
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    queryClient.setQueryData(query.queryKey, (data: unknown) => {
      const page = data as { items: StockRowLike[] } | undefined;
      if (!page?.items) return data;
      let changed = false;
      const items = page.items.map((row) => {
        const next = row.productId === event.productId ? applyStock(row, event) : row;
        if (next !== row) changed = true;
        return next;
      });
      return changed ? { ...page, items } : data;
    });
  }
}

/** The event's numbers on a row, unless the row is as new or newer. */
export function applyStock<T extends StockRowLike>(row: T, event: InventoryChanged): T {
  if (row.version >= event.version) return row;
  const { onHand, reserved, available, incoming, version } = event;
  const restockGap = available + incoming - row.reorderPoint;
  return { ...row, onHand, reserved, available, incoming, version, restockGap };
}

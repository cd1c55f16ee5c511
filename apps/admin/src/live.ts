import { createLiveClient, type LiveClient } from '@stockpulse/live';
import type { InventoryChanged, LocationStock } from '@stockpulse/shared';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { trpc } from './trpc';

/**
 * The console's socket is opened only once an administrator is signed in: the server
 * puts it in the `admin` room at the handshake, so a socket opened before sign-in would
 * hear nothing. The live package patches the order lists and details itself; what it
 * does not know of (stock rows, sales totals, restocks, transfers) is kept fresh here.
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
        refresh(trpc.admin.fulfilment.pathFilter());
        break;
      // A payment, shipment, cancellation, return or refund: the queue's open units and the
      // returns move (orders.byId is the live package's own).
      case 'order:activity':
        refresh(trpc.admin.fulfilment.pathFilter());
        refresh(trpc.admin.returns.pathFilter());
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
      // A transfer's status is all the event carries: its lists and its page refetch.
      case 'transfer:updated':
        refresh(trpc.admin.transfers.pathFilter());
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

/** What a cached stock row must have to take a location's figures. */
interface StockRowLike {
  variantId: number;
  locationId: number;
  reorderPoint: number;
  restockGap: number;
  onHand: number;
  reserved: number;
  available: number;
  incoming: number;
  damaged: number;
  qualityControl: number;
  safetyStock: number;
}

/**
 * An `inventory:changed` patched into the cached stock rows of its variant, each row from
 * the event's breakdown for its location (the admin's copy carries one per location):
 * every `admin.inventory.list` page, the product's grid (`admin.inventory.product`) and
 * single rows (`admin.inventory.byId`). The live client has already dropped an event
 * older than one it applied for the product, so the newest figures win. A low-stock list
 * is refetched instead, as the row may enter or leave it; so is any query holding the
 * variant when the event has no breakdown (a shopper's copy: never sent to staff).
 */
export function patchStockRows(queryClient: QueryClient, event: InventoryChanged) {
  const byLocation = new Map((event.locations ?? []).map((row) => [row.locationId, row]));
  const patch = (queryKey: QueryKey, edit: (data: unknown) => unknown) => {
    const before = queryClient.getQueryData(queryKey);
    const after = edit(before);
    if (after === INVALIDATE) {
      void queryClient.invalidateQueries({ queryKey, exact: true });
    } else if (after !== before) {
      queryClient.setQueryData(queryKey, after);
    }
  };
  const rows = (data: unknown) => patchRows(data as StockRowLike[], event.variantId, byLocation);
  const cache = queryClient.getQueryCache();
  for (const query of cache.findAll(trpc.admin.inventory.list.pathFilter())) {
    const input = (query.queryKey[1] as { input?: { lowStockOnly?: boolean } } | undefined)?.input;
    patch(query.queryKey, (data) => {
      const page = data as { items: StockRowLike[] } | undefined;
      if (!page?.items) return data;
      if (input?.lowStockOnly) return INVALIDATE;
      const items = rows(page.items);
      return items === INVALIDATE ? INVALIDATE : items === page.items ? data : { ...page, items };
    });
  }
  patch(trpc.admin.inventory.product.queryKey({ productId: event.productId }), (data) =>
    Array.isArray(data) ? rows(data) : data,
  );
  for (const query of cache.findAll(trpc.admin.inventory.byId.pathFilter())) {
    patch(query.queryKey, (data) => {
      if (!data) return data;
      const patched = rows([data]);
      return patched === INVALIDATE ? INVALIDATE : (patched as unknown[])[0];
    });
  }
}

const INVALIDATE = Symbol('invalidate');

/** The rows of `variantId` with their location's figures; the same array when none moved. */
function patchRows<T extends StockRowLike>(
  rows: T[],
  variantId: number,
  byLocation: ReadonlyMap<number, LocationStock>,
): T[] | typeof INVALIDATE {
  let changed = false;
  let unknown = false;
  const next = rows.map((row) => {
    if (row.variantId !== variantId) return row;
    const figures = byLocation.get(row.locationId);
    if (!figures) {
      unknown = true;
      return row;
    }
    const patched = applyLocationStock(row, figures);
    if (patched !== row) changed = true;
    return patched;
  });
  if (unknown) return INVALIDATE;
  return changed ? next : rows;
}

/** A location's figures on its row (the restock gap recomputed); the same row when equal. */
export function applyLocationStock<T extends StockRowLike>(row: T, stock: LocationStock): T {
  const { onHand, reserved, available, incoming, damaged, qualityControl, safetyStock } = stock;
  if (
    row.onHand === onHand &&
    row.reserved === reserved &&
    row.available === available &&
    row.incoming === incoming &&
    row.damaged === damaged &&
    row.qualityControl === qualityControl &&
    row.safetyStock === safetyStock
  ) {
    return row;
  }
  const restockGap = available + incoming - row.reorderPoint;
  return {
    ...row,
    onHand,
    reserved,
    available,
    incoming,
    damaged,
    qualityControl,
    safetyStock,
    restockGap,
  };
}

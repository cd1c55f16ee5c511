import type {
  InventoryChanged,
  OrderActivity,
  OrderSummary,
  OrderUpdated,
  ProductUpdated,
} from '@stockpulse/shared';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { inputOf, type LiveKeys, typeOf } from './keys';

/**
 * Cache patches for live events. Each one edits the cached data in place
 * (`setQueryData`) when the change is exact, and otherwise invalidates only the query
 * that cannot be patched (a filtered or sorted list the event moves rows in or out of).
 */

type Page<T> = { items: T[]; nextCursor: string | null };
type Infinite<T> = { pages: Page<T>[]; pageParams: unknown[] };

function isPage(data: unknown): data is Page<unknown> {
  return !!data && typeof data === 'object' && Array.isArray((data as Page<unknown>).items);
}

function isInfinite(data: unknown): data is Infinite<unknown> {
  return !!data && typeof data === 'object' && Array.isArray((data as Infinite<unknown>).pages);
}

/** Applies `edit` to every item of a page or of each page of infinite data. */
function mapItems<T>(data: unknown, edit: (item: T) => T): unknown {
  if (isInfinite(data)) {
    let changed = false;
    const pages = data.pages.map((page) => {
      const next = mapItems<T>(page, edit);
      if (next !== page) changed = true;
      return next as Page<T>;
    });
    return changed ? { ...data, pages } : data;
  }
  if (isPage(data)) {
    let changed = false;
    const items = (data.items as T[]).map((item) => {
      const next = edit(item);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? { ...data, items } : data;
  }
  return data;
}

/**
 * Sets the product's `available` (all its variants) in every cached catalog list and its
 * detail, and the variant's own in the detail's variants (what the picker shows).
 */
export function patchStock(queryClient: QueryClient, keys: LiveKeys, event: InventoryChanged) {
  const available = event.productAvailable;
  const edit = (item: { id: number; available: number }) =>
    item.id === event.productId && item.available !== available ? { ...item, available } : item;
  queryClient.setQueriesData({ queryKey: keys.catalogList() }, (data: unknown) =>
    mapItems(data, edit),
  );
  queryClient.setQueryData(keys.catalogById(event.productId), (data) => {
    if (!data) return data;
    // (A detail cached before variants existed has none: the product's figure is all.)
    const variants = (data.variants ?? []).map((variant) =>
      variant.id === event.variantId && variant.available !== event.available
        ? { ...variant, available: event.available }
        : variant,
    );
    const changed =
      data.available !== available || variants.some((v, i) => v !== data.variants?.[i]);
    if (!changed) return data;
    return data.variants ? { ...data, available, variants } : { ...data, available };
  });
}

function holdsProduct(data: unknown, productId: number): boolean {
  if (isInfinite(data)) return data.pages.some((page) => holdsProduct(page, productId));
  return isPage(data) && (data.items as { id: number }[]).some((item) => item.id === productId);
}

/**
 * An admin changed or archived a product. Its detail gets the new name, price, photos
 * and `active` at once (an archived page stays on screen, saying it is no longer sold).
 * Catalog lists that hold it are patched in place; when it was archived they are
 * refetched instead, as the product leaves them (and a rename may move it, which the
 * next fetch puts right: the card itself is current at once).
 */
export function patchProduct(queryClient: QueryClient, keys: LiveKeys, event: ProductUpdated) {
  const details = {
    name: event.name,
    category: event.category,
    priceCents: event.priceCents,
    imageUrl: event.imageUrl,
    // Lists carry the first photo only; the detail every one.
    image: event.images[0] ?? null,
  };
  const edit = (item: { id: number }) =>
    item.id === event.productId ? { ...item, ...details } : item;
  for (const query of queriesUnder(queryClient, keys.catalogList())) {
    if (!holdsProduct(query.state.data, event.productId)) continue;
    if (!event.active) {
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    queryClient.setQueryData(query.queryKey, (data: unknown) => mapItems(data, edit));
  }
  const detailKey = keys.catalogById(event.productId);
  const variants = queryClient.getQueryData(detailKey)?.variants;
  queryClient.setQueryData(detailKey, (data) =>
    data
      ? {
          ...data,
          ...details,
          images: event.images,
          description: event.description,
          active: event.active,
          // A simple product's price is its one variant's; a product sold in options may
          // have changed any variant, so its detail is fetched again (one product).
          ...(data.variants?.length === 1
            ? { variants: [{ ...data.variants[0]!, priceCents: event.priceCents }] }
            : {}),
        }
      : data,
  );
  if (variants && variants.length > 1 && event.active) {
    void queryClient.invalidateQueries({ queryKey: detailKey, exact: true });
  }
}

interface OrderRowLike {
  id: number;
  status: string;
  cancelReason?: string | null;
  paymentStatus?: string;
  updatedAt?: Date;
  createdAt?: Date;
}

function queriesUnder(queryClient: QueryClient, queryKey: QueryKey) {
  return queryClient.getQueryCache().findAll({ queryKey });
}

/** An `orders.mine` row from an `order:created` summary (Dates: the API speaks superjson). */
function rowFromSummary(event: OrderSummary) {
  const createdAt = new Date(event.createdAt);
  return {
    id: event.id,
    status: event.status,
    totalCents: event.totalCents,
    itemCount: event.itemCount,
    cancelReason: null,
    createdAt,
    updatedAt: createdAt,
  };
}

function holdsOrder(data: unknown, orderId: number): boolean {
  if (isInfinite(data)) return data.pages.some((page) => holdsOrder(page, orderId));
  return isPage(data) && (data.items as OrderRowLike[]).some((item) => item.id === orderId);
}

function prependToFirstPage(data: unknown, row: OrderRowLike): unknown {
  if (isInfinite(data)) {
    const [first, ...rest] = data.pages;
    if (!first) return data;
    const next = prependToFirstPage(first, row) as Page<unknown>;
    return next === first ? data : { ...data, pages: [next, ...rest] };
  }
  if (isPage(data)) {
    if ((data.items as OrderRowLike[]).some((item) => item.id === row.id)) return data;
    return { ...data, items: [row, ...data.items] };
  }
  return data;
}

/**
 * A new order. The customer's `orders.mine` (newest first, unfiltered): prepended to
 * the first page. The console's lists are invalidated, each query on its own: their rows
 * carry the customer's email, which the event does not, and where a new order lands
 * depends on a sort, search or filter only the server evaluates.
 */
export function patchOrderCreated(queryClient: QueryClient, keys: LiveKeys, event: OrderSummary) {
  for (const query of queriesUnder(queryClient, keys.myOrders())) {
    const input = inputOf(query.queryKey);
    if (input?.cursor && typeOf(query.queryKey) !== 'infinite') continue; // a later page
    queryClient.setQueryData(query.queryKey, (data: unknown) =>
      prependToFirstPage(data, rowFromSummary(event)),
    );
  }
  for (const query of queriesUnder(queryClient, keys.adminOrders())) {
    void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
  }
}

/** A status change: patched in every list and detail that holds the order. */
export function patchOrderUpdated(queryClient: QueryClient, keys: LiveKeys, event: OrderUpdated) {
  const at = new Date(event.at);
  const edit = <T extends OrderRowLike>(item: T): T =>
    item.id === event.orderId && item.status !== event.status
      ? {
          ...item,
          status: event.status,
          updatedAt: at,
          cancelReason: event.status === 'cancelled' ? event.reason : (item.cancelReason ?? null),
        }
      : item;

  for (const query of queriesUnder(queryClient, keys.myOrders())) {
    queryClient.setQueryData(query.queryKey, (data: unknown) => mapItems<OrderRowLike>(data, edit));
  }
  for (const query of queriesUnder(queryClient, keys.adminOrders())) {
    const input = inputOf(query.queryKey);
    if (input?.status !== undefined) {
      // A status filter: the order may leave or join this list.
      if (holdsOrder(query.state.data, event.orderId) || input.status === event.status) {
        void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      }
      continue;
    }
    queryClient.setQueryData(query.queryKey, (data: unknown) => mapItems<OrderRowLike>(data, edit));
  }
  // Details: the status at once, then the one query refetched for its timeline (actor).
  const mine = keys.myOrder(event.orderId);
  if (queryClient.getQueryData(mine) !== undefined) {
    queryClient.setQueryData(mine, (data) => (data ? edit(data) : data));
    void queryClient.invalidateQueries({ queryKey: mine, exact: true });
  }
  const admin = keys.adminOrder(event.orderId);
  if (queryClient.getQueryData(admin) !== undefined) {
    queryClient.setQueryData(admin, (data) => (data ? edit(data) : data));
    void queryClient.invalidateQueries({ queryKey: admin, exact: true });
  }
}

/**
 * A payment, shipment, line cancellation, return or refund (`order:activity`): list rows
 * that show a payment status take the new one at once; an open detail (the shopper's or
 * the console's) refetches, since it shows the shipments, returns and refunds themselves.
 */
export function patchOrderActivity(queryClient: QueryClient, keys: LiveKeys, event: OrderActivity) {
  const edit = <T extends OrderRowLike>(item: T): T =>
    item.id === event.orderId &&
    item.paymentStatus !== undefined &&
    item.paymentStatus !== event.paymentStatus
      ? { ...item, paymentStatus: event.paymentStatus }
      : item;
  for (const query of [
    ...queriesUnder(queryClient, keys.myOrders()),
    ...queriesUnder(queryClient, keys.adminOrders()),
  ]) {
    queryClient.setQueryData(query.queryKey, (data: unknown) => mapItems<OrderRowLike>(data, edit));
  }
  for (const key of [keys.myOrder(event.orderId), keys.adminOrder(event.orderId)]) {
    if (queryClient.getQueryData(key) !== undefined) {
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
    }
  }
}

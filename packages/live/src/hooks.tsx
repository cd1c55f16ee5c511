import type { OrderStatus } from '@stockpulse/shared';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import type { LiveClient, LiveStatus, LiveStock } from './client';

const LiveContext = createContext<LiveClient | null>(null);

/**
 * Makes one live client available to the tree. Create the client once per page, with the
 * page's QueryClient, e.g. `createLiveClient({ queryClient })` next to `createTRPCOptionsProxy`.
 */
export function LiveProvider({ client, children }: { client: LiveClient; children: ReactNode }) {
  return <LiveContext.Provider value={client}>{children}</LiveContext.Provider>;
}

export function useLiveClient(): LiveClient {
  const client = useContext(LiveContext);
  if (!client) throw new Error('useLive* needs a <LiveProvider> above it');
  return client;
}

/** `connecting`, `live` or `offline`, re-rendering on change. */
export function useLiveStatus(): LiveStatus {
  const client = useLiveClient();
  return useSyncExternalStore(client.subscribeStatus, client.getStatus, client.getStatus);
}

/**
 * Watches the products while mounted and returns their latest live stock (only those that
 * changed since the page loaded), so a card can flash when `version` moves. The cached
 * `catalog.list` / `catalog.byId` data is patched by the client itself, once per event.
 */
export function useLiveStock(productIds: readonly number[]): ReadonlyMap<number, LiveStock> {
  const client = useLiveClient();
  // A stable identity for the set of ids, whatever array the caller passes each render.
  const idsKey = [...new Set(productIds)].sort((a, b) => a - b).join(',');
  const ids = useMemo(() => (idsKey === '' ? [] : idsKey.split(',').map(Number)), [idsKey]);
  useEffect(() => client.watch(ids), [client, ids]);
  const revision = useSyncExternalStore(
    client.subscribeStock,
    client.stockRevision,
    client.stockRevision,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the store's change signal
  return useMemo(() => {
    const map = new Map<number, LiveStock>();
    for (const id of ids) {
      const stock = client.getStock(id);
      if (stock) map.set(id, stock);
    }
    return map;
  }, [client, ids, revision]);
}

export interface LiveOrderChange {
  orderId: number;
  status: OrderStatus;
  /** `Date.now()` when it arrived: lets a row flash. */
  at: number;
  kind: 'created' | 'updated' | 'activity';
  /** An activity's line (`Shipped 2 items with UPS`), for an announcement. */
  summary?: string;
}

/**
 * The order events heard while mounted, newest first (at most `keep`). The client patches
 * the cached `orders.mine` / `admin.orders.list` data (or invalidates the one list it
 * cannot patch); this hook is for showing what just moved.
 */
export function useLiveOrders(keep = 50): readonly LiveOrderChange[] {
  const client = useLiveClient();
  const [changes, setChanges] = useState<readonly LiveOrderChange[]>([]);
  useEffect(
    () =>
      client.subscribe((event) => {
        let change: LiveOrderChange | undefined;
        if (event.event === 'order:created') {
          const { id, status } = event.payload;
          change = { orderId: id, status, at: Date.now(), kind: 'created' };
        } else if (event.event === 'order:updated') {
          const { orderId, status } = event.payload;
          change = { orderId, status, at: Date.now(), kind: 'updated' };
        } else if (event.event === 'order:activity') {
          const { orderId, status, summary } = event.payload;
          change = { orderId, status, at: Date.now(), kind: 'activity', summary };
        }
        if (change) {
          const next = change;
          setChanges((previous) => [next, ...previous].slice(0, keep));
        }
      }),
    [client, keep],
  );
  return changes;
}

/** The latest live change of one order while mounted (status or activity), or null. */
export function useLiveOrder(orderId: number): LiveOrderChange | null {
  const client = useLiveClient();
  const [change, setChange] = useState<LiveOrderChange | null>(null);
  useEffect(() => {
    setChange(null);
    return client.subscribe((event) => {
      if (event.event === 'order:updated' && event.payload.orderId === orderId) {
        setChange({ orderId, status: event.payload.status, at: Date.now(), kind: 'updated' });
      } else if (event.event === 'order:activity' && event.payload.orderId === orderId) {
        const { status, summary } = event.payload;
        setChange({ orderId, status, at: Date.now(), kind: 'activity', summary });
      }
    });
  }, [client, orderId]);
  return change;
}

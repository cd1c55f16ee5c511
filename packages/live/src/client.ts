import type {
  ClientToServerEvents,
  EventName,
  EventPayload,
  InventoryChanged,
  ServerToClientEvents,
} from '@stockpulse/shared';
import type { QueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import {
  patchOrderActivity,
  patchOrderCreated,
  patchOrderUpdated,
  patchProduct,
  patchStock,
} from './cache';
import { liveKeys } from './keys';
import { chunk, WatchRegistry } from './registry';

export type LiveStatus = 'connecting' | 'live' | 'offline';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a card shows: the latest stock applied for a product, and when it arrived. */
export interface LiveStock {
  available: number;
  version: number;
  /** `Date.now()` when this client applied the change (the event carries no time). */
  changedAt: number;
}

export type LiveEvent = {
  [E in EventName]: { event: E; payload: EventPayload<E> };
}[EventName];

export interface LiveClientOptions {
  /** Where the server is; same origin when omitted (the browser's page). */
  url?: string;
  /** The page's QueryClient: patched by events, invalidated on every reconnect. */
  queryClient?: QueryClient;
  /** Every event applied (after the stale-version check), e.g. for a toast or a test. */
  onEvent?: (event: LiveEvent) => void;
  /** A watch or unwatch the server refused (bad ids, over the 1,000 per socket limit). */
  onWatchError?: (error: string, productIds: number[]) => void;
  /** Overrides for the backoff (ms); defaults 500 → 10,000 with ±50 % jitter. */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** Start without connecting; call `connect()`. */
  autoConnect?: boolean;
}

export interface LiveClient {
  readonly socket: LiveSocket;
  getStatus(): LiveStatus;
  subscribeStatus(listener: () => void): () => void;
  /** Watches the products until the returned release is called (ref-counted, idempotent). */
  watch(productIds: readonly number[]): () => void;
  /** The ids watched right now, ascending. */
  watched(): number[];
  /** Latest applied stock of a product (all its variants), if any arrived since the page loaded. */
  getStock(productId: number): LiveStock | undefined;
  /** Latest applied stock of one variant, likewise. */
  getVariantStock(variantId: number): LiveStock | undefined;
  /** Called after any stock change; `stockRevision()` changes with each. */
  subscribeStock(listener: () => void): () => void;
  stockRevision(): number;
  /** Every applied event (orders too); returns an unsubscribe. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Number of completed reconnects (not counting the first connect). */
  reconnects(): number;
  connect(): void;
  close(): void;
}

/**
 * One Socket.IO connection for the page (DESIGN §6). The session cookie authenticates it
 * (`withCredentials`); the server decides the `admin` / `customer:{id}` rooms, the client
 * chooses only the products it watches.
 *
 * The server forgets a socket's rooms when it disconnects, so after every (re)connect the
 * whole watched set is sent again, and the caches this client serves are invalidated:
 * Socket.IO delivers at most once, and whatever happened while offline is refetched.
 */
export function createLiveClient(options: LiveClientOptions = {}): LiveClient {
  const delay = options.reconnectDelayMs ?? 500;
  const delayMax = options.reconnectDelayMaxMs ?? 10_000;
  const socketOptions = {
    path: '/socket.io',
    withCredentials: true,
    transports: ['websocket', 'polling'],
    reconnection: true,
    reconnectionDelay: delay,
    reconnectionDelayMax: delayMax,
    randomizationFactor: 0.5,
    autoConnect: false,
  };
  const socket: LiveSocket =
    options.url === undefined ? io(socketOptions) : io(options.url, socketOptions);

  const { queryClient } = options;
  const keys = queryClient ? liveKeys(queryClient) : undefined;

  let status: LiveStatus = 'connecting';
  const statusListeners = new Set<() => void>();
  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener();
  };

  // ── watches ──────────────────────────────────────────────────────────────
  const registry = new WatchRegistry();
  /** What the server holds for this connection (emptied on disconnect). */
  const sent = new Set<number>();
  let flushQueued = false;

  const send = (event: 'inventory:watch' | 'inventory:unwatch', ids: number[]) => {
    for (const part of chunk(ids)) {
      // No ack timeout: an unanswered call is re-sent in full on the next connect anyway.
      socket.emit(event, part, (answer) => {
        if (!answer.ok) options.onWatchError?.(answer.error, part);
      });
    }
  };

  /** Brings the server's set in line with the registry; batched per microtask. */
  const flush = () => {
    flushQueued = false;
    if (!socket.connected) return; // sent again in full on connect
    const { watch, unwatch } = registry.diff(sent);
    for (const id of watch) sent.add(id);
    for (const id of unwatch) sent.delete(id);
    if (unwatch.length > 0) send('inventory:unwatch', unwatch);
    if (watch.length > 0) send('inventory:watch', watch);
  };
  const scheduleFlush = () => {
    if (flushQueued) return;
    flushQueued = true;
    queueMicrotask(flush);
  };

  // ── events ───────────────────────────────────────────────────────────────
  const stock = new Map<number, LiveStock>();
  const variantStock = new Map<number, LiveStock>();
  let revision = 0;
  const stockListeners = new Set<() => void>();
  const eventListeners = new Set<(event: LiveEvent) => void>();
  const emitLocal = (event: LiveEvent) => {
    options.onEvent?.(event);
    for (const listener of eventListeners) listener(event);
  };

  socket.on('inventory:changed', (payload: InventoryChanged) => {
    // `version` is the product's: one change of several variants sends one event per
    // variant with the same version, so only a lower one is older.
    const held = variantStock.get(payload.variantId);
    if (held && payload.version <= held.version) return; // older or repeated: drop
    const changedAt = Date.now();
    variantStock.set(payload.variantId, {
      available: payload.available,
      version: payload.version,
      changedAt,
    });
    const product = stock.get(payload.productId);
    if (!product || payload.version >= product.version) {
      stock.set(payload.productId, {
        available: payload.productAvailable,
        version: payload.version,
        changedAt,
      });
    }
    revision += 1;
    if (queryClient && keys) patchStock(queryClient, keys, payload);
    for (const listener of stockListeners) listener();
    emitLocal({ event: 'inventory:changed', payload });
  });
  socket.on('order:created', (payload) => {
    if (queryClient && keys) patchOrderCreated(queryClient, keys, payload);
    emitLocal({ event: 'order:created', payload });
  });
  socket.on('order:updated', (payload) => {
    if (queryClient && keys) patchOrderUpdated(queryClient, keys, payload);
    emitLocal({ event: 'order:updated', payload });
  });
  socket.on('order:activity', (payload) => {
    if (queryClient && keys) patchOrderActivity(queryClient, keys, payload);
    emitLocal({ event: 'order:activity', payload });
  });
  socket.on('product:updated', (payload) => {
    if (queryClient && keys) patchProduct(queryClient, keys, payload);
    emitLocal({ event: 'product:updated', payload });
  });
  socket.on('restock:updated', (payload) => emitLocal({ event: 'restock:updated', payload }));
  socket.on('sales:changed', (payload) => emitLocal({ event: 'sales:changed', payload }));
  socket.on('transfer:updated', (payload) => emitLocal({ event: 'transfer:updated', payload }));
  socket.on('import:progress', (payload) => emitLocal({ event: 'import:progress', payload }));

  // ── connection lifecycle ─────────────────────────────────────────────────
  let connectedOnce = false;
  let reconnectCount = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let manualAttempts = 0;

  socket.on('connect', () => {
    manualAttempts = 0;
    sent.clear();
    flush(); // the whole watched set: the server starts this connection with no rooms
    if (connectedOnce) {
      reconnectCount += 1;
      if (queryClient && keys) {
        for (const filter of keys.servedFilters()) void queryClient.invalidateQueries(filter);
      }
    }
    connectedOnce = true;
    setStatus('live');
  });

  /**
   * Socket.IO does not reconnect by itself after the server disconnected the socket
   * (`io server disconnect`, e.g. a sign-out or a deploy) or refused the handshake; this
   * does, with the same backoff, so a page never stays offline for good.
   */
  const retryLater = () => {
    if (closed || retryTimer) return;
    const base = Math.min(delayMax, delay * 2 ** manualAttempts);
    manualAttempts += 1;
    const wait = base * (0.5 + Math.random());
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        if (!closed && !socket.connected) socket.connect();
      },
      Math.min(delayMax, wait),
    );
  };

  socket.on('disconnect', (reason) => {
    sent.clear();
    setStatus('offline');
    if (reason === 'io server disconnect') retryLater();
  });
  socket.on('connect_error', () => {
    setStatus('offline');
    if (!socket.active) retryLater();
  });
  socket.io.on('reconnect_attempt', () => {
    if (status !== 'live') setStatus('connecting');
  });

  const client: LiveClient = {
    socket,
    getStatus: () => status,
    subscribeStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    watch(productIds) {
      const ids = [...productIds];
      registry.acquire(ids);
      scheduleFlush();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        registry.release(ids);
        scheduleFlush();
      };
    },
    watched: () => registry.ids(),
    getStock: (productId) => stock.get(productId),
    getVariantStock: (variantId) => variantStock.get(variantId),
    subscribeStock(listener) {
      stockListeners.add(listener);
      return () => stockListeners.delete(listener);
    },
    stockRevision: () => revision,
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    reconnects: () => reconnectCount,
    connect() {
      closed = false;
      if (!socket.connected) socket.connect();
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
      socket.disconnect();
      setStatus('offline');
    },
  };
  if (options.autoConnect !== false) client.connect();
  return client;
}

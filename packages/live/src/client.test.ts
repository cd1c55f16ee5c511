import { type InventoryChanged, ROOMS } from '@stockpulse/shared';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveClient, type LiveClient, type LiveEvent } from './client';
import { liveKeys } from './keys';
import { startTestServer, until } from './testing';

// The client against a real Socket.IO server in this process (no mocked socket).

type Server = Awaited<ReturnType<typeof startTestServer>>;
const open: { clients: LiveClient[]; servers: Server[] } = { clients: [], servers: [] };

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.close();
  for (const server of open.servers.splice(0)) await server.close();
});

async function setup(options: { queryClient?: QueryClient } = {}) {
  const server = await startTestServer();
  open.servers.push(server);
  const events: LiveEvent[] = [];
  const client = createLiveClient({
    url: server.url,
    reconnectDelayMs: 50,
    reconnectDelayMaxMs: 200,
    onEvent: (event) => events.push(event),
    ...options,
  });
  open.clients.push(client);
  return { server, client, events };
}

// A simple product: its one variant, whose stock is the product's.
const change = (productId: number, version: number, available = 10): InventoryChanged => ({
  productId,
  variantId: productId,
  available,
  productAvailable: available,
  unavailable: 0,
  onHand: available + 1,
  reserved: 1,
  incoming: 0,
  version,
});

const stockEvents = (events: LiveEvent[]) =>
  events.flatMap((e) => (e.event === 'inventory:changed' ? [e.payload] : []));

describe('createLiveClient against a real Socket.IO server', () => {
  it('connects, watches, applies inventory:changed and drops an older version', async () => {
    const { server, client, events } = await setup();
    expect(client.getStatus()).toBe('connecting');
    const statuses: string[] = [];
    client.subscribeStatus(() => statuses.push(client.getStatus()));
    await until(() => client.getStatus() === 'live');
    expect(statuses).toEqual(['live']);

    client.watch([7, 8]);
    await until(async () => (await server.inRoom(7)).length === 1);
    expect(await server.inRoom(8)).toEqual([client.socket.id]);

    server.io.to(ROOMS.product(7)).emit('inventory:changed', change(7, 5, 4));
    await until(() => client.getStock(7)?.version === 5);
    server.io.to(ROOMS.product(7)).emit('inventory:changed', change(7, 4, 99)); // older
    server.io.to(ROOMS.product(7)).emit('inventory:changed', change(7, 5, 98)); // repeat
    server.io.to(ROOMS.product(7)).emit('inventory:changed', change(7, 6, 3));
    await until(() => client.getStock(7)?.version === 6);
    expect(stockEvents(events).map((e) => [e.version, e.available])).toEqual([
      [5, 4],
      [6, 3],
    ]);
    expect(client.getStock(7)).toMatchObject({ available: 3, version: 6 });
    // Not watched: the server never sends it.
    server.io.to(ROOMS.product(9)).emit('inventory:changed', change(9, 1));
    server.io.to(ROOMS.product(8)).emit('inventory:changed', change(8, 1));
    await until(() => client.getStock(8));
    expect(client.getStock(9)).toBeUndefined();
  });

  it('ref-counts watchers, sends ≤ 200 ids per call and unwatches when the last goes', async () => {
    const { server, client } = await setup();
    await until(() => client.getStatus() === 'live');
    const many = Array.from({ length: 450 }, (_, i) => i + 1);
    const releaseMany = client.watch(many);
    const releaseOne = client.watch([1, 1000]);
    await until(async () => (await server.inRoom(1000)).length === 1);
    await until(async () => (await server.inRoom(450)).length === 1);
    const watches = server.calls.filter((c) => c.event === 'inventory:watch');
    // Batched in one microtask: 451 distinct ids in three calls, none over 200.
    expect(watches.map((c) => c.ids.length)).toEqual([200, 200, 51]);

    releaseOne();
    releaseOne(); // a second call of the same release does nothing
    await until(async () => (await server.inRoom(1000)).length === 0);
    expect(await server.inRoom(1)).toHaveLength(1); // still held by the first watcher
    expect(server.calls.filter((c) => c.event === 'inventory:unwatch').map((c) => c.ids)).toEqual([
      [1000],
    ]);

    releaseMany();
    await until(async () => (await server.inRoom(1)).length === 0);
    expect(client.watched()).toEqual([]);
    const unwatched = server.calls.filter((c) => c.event === 'inventory:unwatch');
    expect(unwatched.map((c) => c.ids.length)).toEqual([1, 200, 200, 50]);
  });

  it('after the server drops it, reconnects, re-watches, invalidates caches, gets later events', async () => {
    const queryClient = new QueryClient();
    const keys = liveKeys(queryClient);
    const listKey = [...keys.catalogList(), { input: { limit: 24 }, type: 'query' }];
    queryClient.setQueryData(listKey, { items: [{ id: 7, available: 5 }], nextCursor: null });
    queryClient.setQueryData(keys.catalogById(7), { id: 7, available: 5 } as never);
    const otherKey = [['account', 'me'], { type: 'query' }];
    queryClient.setQueryData(otherKey, { name: 'x' });

    const { server, client, events } = await setup({ queryClient });
    client.watch([7]);
    await until(async () => (await server.inRoom(7)).length === 1);
    const firstId = client.socket.id;
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(false);

    const statuses: string[] = [];
    client.subscribeStatus(() => statuses.push(client.getStatus()));
    server.io.disconnectSockets(); // "io server disconnect": the server forgot the rooms
    await until(() => client.reconnects() === 1);
    await until(async () => (await server.inRoom(7)).length === 1);
    expect(client.socket.id).not.toBe(firstId);
    expect(await server.inRoom(7)).toEqual([client.socket.id]);
    expect(statuses[0]).toBe('offline');
    expect(statuses.at(-1)).toBe('live');
    // Everything the client serves was invalidated; what it does not serve was not.
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(keys.catalogById(7))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(otherKey)?.isInvalidated).toBe(false);

    server.io.to(ROOMS.product(7)).emit('inventory:changed', change(7, 2, 1));
    await until(() => client.getStock(7)?.version === 2);
    expect(stockEvents(events).map((e) => e.version)).toEqual([2]);
    // …and the event patched the cached list and detail in place.
    expect(
      queryClient.getQueryData<{ items: { available: number }[] }>(listKey)?.items[0]?.available,
    ).toBe(1);
    expect(queryClient.getQueryData(keys.catalogById(7))?.available).toBe(1);
  });

  it('reconnects with backoff after the server goes away and comes back on the same port', async () => {
    const { server, client } = await setup();
    client.watch([3]);
    await until(async () => (await server.inRoom(3)).length === 1);
    const { port } = server;
    await server.close(); // the transport closes: Socket.IO's own reconnection takes over
    open.servers.splice(open.servers.indexOf(server), 1);
    await until(() => client.getStatus() !== 'live');

    const again = await startTestServer(port);
    open.servers.push(again);
    await until(() => client.getStatus() === 'live', 10_000);
    await until(async () => (await again.inRoom(3)).length === 1);
    again.io.to(ROOMS.product(3)).emit('inventory:changed', change(3, 1, 0));
    await until(() => client.getStock(3)?.available === 0);
    expect(client.reconnects()).toBe(1);
  });
});

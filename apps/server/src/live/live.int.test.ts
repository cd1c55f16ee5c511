import { fileURLToPath } from 'node:url';
import { createAdapter } from '@socket.io/redis-adapter';
import type { AppRouter } from '@stockpulse/api';
import {
  createSession,
  outboxWakeChannel,
  SESSION_COOKIE,
  socketIoRedisKey,
} from '@stockpulse/core';
import { openWorld, type World } from '@stockpulse/core/testing';
import { schema } from '@stockpulse/db';
import {
  createTestDatabase,
  eventually,
  exitOf,
  spawnMain,
  type TestDatabase,
} from '@stockpulse/devstack';
import type {
  ClientToServerEvents,
  InventoryChanged,
  OrderSummary,
  ServerToClientEvents,
} from '@stockpulse/shared';
import { createTRPCClient, httpLink } from '@trpc/client';
import { and, eq, isNull } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// Two server processes and an outbox relay, one live layer through Redis: the real thing.
const serverMain = fileURLToPath(new URL('../main.ts', import.meta.url));
const workerMain = fileURLToPath(new URL('../../../worker/src/main.ts', import.meta.url));

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Running = ReturnType<typeof spawnMain>;

let database: TestDatabase;
let world: World;
let redis: Redis;
let probeSub: Redis;
let probe: Server;
const prefix = `${inject('redisPrefix')}-live`;
const processes: Running[] = [];
const sockets: Client[] = [];
let urlA: string;
let urlB: string;

function startServer(): Running {
  const running = spawnMain(serverMain, {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'info',
    LIVE_ALLOWED_ORIGINS: 'http://localhost:5173',
    LIVE_SESSION_CHECK_MS: '300',
  });
  processes.push(running);
  return running;
}

const listeningUrl = (running: Running) =>
  eventually(
    'the listening line',
    () => /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(running.output().stdout)?.[1],
  );

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  world = openWorld(database.url, { connectionLimit: 5 });
  redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  const a = startServer();
  const b = startServer();
  const relay = spawnMain(workerMain, {
    DATABASE_URL: database.url,
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: prefix,
    WORKER_ROLE: 'relay',
    OUTBOX_POLL_MS: '200',
    LOG_LEVEL: 'warn',
  });
  processes.push(relay);
  [urlA, urlB] = await Promise.all([listeningUrl(a), listeningUrl(b)]);
  // A third node of the live layer, in this process: it lists every socket of every
  // server with its rooms (`fetchSockets`), which is how the tests look inside.
  probeSub = redis.duplicate();
  probe = new Server();
  probe.adapter(createAdapter(redis, probeSub, { key: socketIoRedisKey(prefix) }));
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  // Not `probe.close()`: this node has no engine, only an adapter.
  await (probe?.of('/').adapter as unknown as { close(): Promise<void> } | undefined)?.close();
  for (const { child } of processes) child.kill('SIGTERM');
  const codes = await Promise.all(processes.map(({ child }) => exitOf(child)));
  probeSub?.disconnect();
  redis?.disconnect();
  await world?.close();
  await database?.drop();
  // Every process shut down cleanly: the live layer closed before its Redis clients.
  expect(codes).toEqual(processes.map(() => 0));
});

/** A socket that records every event it hears. */
interface Recorder {
  socket: Client;
  heard: { event: string; payload: unknown }[];
  of<T>(event: keyof ServerToClientEvents): T[];
}

function record(socket: Client): Recorder {
  const heard: Recorder['heard'] = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  return {
    socket,
    heard,
    of: <T>(event: string) => heard.filter((h) => h.event === event).map((h) => h.payload as T),
  };
}

async function open(
  url: string,
  options: { token?: string; origin?: string } = {},
): Promise<Recorder> {
  const headers: Record<string, string> = {};
  if (options.token) headers.cookie = `${SESSION_COOKIE}=${options.token}`;
  if (options.origin) headers.origin = options.origin;
  const socket: Client = connect(url, {
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: headers,
  });
  sockets.push(socket);
  const recorder = record(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return recorder;
}

/** The socket untyped: a client may send anything at all. */
const raw = (socket: Client) =>
  socket as unknown as { emit(event: string, ...args: unknown[]): void };

const watch = (
  socket: Client,
  ids: unknown,
  event: keyof ClientToServerEvents = 'inventory:watch',
) =>
  (socket as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> }).emitWithAck(
    event,
    ids,
  );

function trpc(url: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
      }),
    ],
  });
}

async function signedIn(role: 'customer' | 'admin' = 'customer') {
  const user = await world.addCustomer({ role });
  const { token, tokenHash } = await createSession(world.db, user.id);
  return { ...user, token, tokenHash };
}

/** The rooms of every socket in the live layer, by socket id, across both servers. */
async function roomsById(): Promise<Map<string, Set<string>>> {
  const all = await probe.fetchSockets();
  return new Map(all.map((s) => [s.id, new Set(s.rooms)]));
}

/** Commits `inventory:changed` rows the way core does, and wakes the relay. */
async function commitStockEvents(events: InventoryChanged[]) {
  await world.db.insert(schema.outbox).values(
    events.map((payload) => ({
      kind: 'event' as const,
      topic: 'inventory:changed',
      payload: JSON.stringify(payload),
    })),
  );
  await redis.publish(outboxWakeChannel(prefix), '1');
}

// One variant per product here: coalescing is per variant.
const stock = (productId: number, version: number): InventoryChanged => ({
  productId,
  variantId: productId,
  unavailable: 0,
  productAvailable: 100 - version,
  available: 100 - version,
  onHand: 100,
  reserved: version,
  incoming: 0,
  version,
});

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the live layer across two servers and a relay', () => {
  it('delivers an order placed on A to the admin on B and the customer on A, and stock to watchers on both', async () => {
    const admin = await signedIn('admin');
    const buyer = await signedIn();
    const other = await signedIn();
    const product = await world.addProduct({ onHand: 20, priceCents: 500 });
    const elsewhere = await world.addProduct({ onHand: 20 });

    const adminOnB = await open(urlB, { token: admin.token });
    const buyerOnA = await open(urlA, { token: buyer.token });
    const otherOnA = await open(urlA, { token: other.token });
    const otherOnB = await open(urlB, { token: other.token });
    const watcherOnA = await open(urlA);
    const watcherOnB = await open(urlB);
    const bystander = await open(urlB);
    expect(await watch(watcherOnA.socket, [product])).toEqual({ ok: true, watching: 1 });
    expect(await watch(watcherOnB.socket, [product])).toEqual({ ok: true, watching: 1 });
    expect(await watch(bystander.socket, [elsewhere])).toEqual({ ok: true, watching: 1 });

    // The rooms are the server's choice from the session, on whichever server.
    const rooms = await roomsById();
    const roomsOf = (r: Recorder) => [...(rooms.get(r.socket.id as string) ?? [])].sort();
    const own = (r: Recorder, ...more: string[]) => [r.socket.id as string, ...more].sort();
    expect(roomsOf(adminOnB)).toEqual(own(adminOnB, 'admin', `session:${admin.tokenHash}`));
    expect(roomsOf(buyerOnA)).toEqual(
      own(buyerOnA, `customer:${buyer.id}`, `session:${buyer.tokenHash}`),
    );
    expect(roomsOf(otherOnB)).toEqual(
      own(otherOnB, `customer:${other.id}`, `session:${other.tokenHash}`),
    );
    expect(roomsOf(watcherOnA)).toEqual(own(watcherOnA, `product:${product}`));
    expect(roomsOf(bystander)).toEqual(own(bystander, `product:${elsewhere}`));

    const placed = await Promise.all(
      [1, 2, 3].map((n) =>
        trpc(urlA, buyer.token).orders.place.mutate({
          items: [{ productId: product, quantity: 1 }],
          idempotencyKey: `live-${product}-${n}`,
        }),
      ),
    );
    const ids = placed.map((order) => order.id).sort();

    // The admin sees every order event, uncoalesced; so does the buyer, on the other server.
    await eventually('the admin on B hears three orders', () =>
      adminOnB.of<OrderSummary>('order:created').length === 3 ? true : undefined,
    );
    await eventually('the buyer on A hears three orders', () =>
      buyerOnA.of<OrderSummary>('order:created').length === 3 ? true : undefined,
    );
    expect(
      adminOnB
        .of<OrderSummary>('order:created')
        .map((o) => o.id)
        .sort(),
    ).toEqual(ids);
    expect(buyerOnA.of<OrderSummary>('order:created')[0]).toMatchObject({
      customerId: buyer.id,
      status: 'pending',
    });
    // The stock reaches the watchers on both servers, ending at the newest version.
    for (const watcher of [watcherOnA, watcherOnB]) {
      await eventually('the watcher hears the last reservation', () =>
        watcher.of<InventoryChanged>('inventory:changed').some((e) => e.reserved === 3)
          ? true
          : undefined,
      );
    }
    await settle();
    // Nobody hears what is not theirs.
    for (const stranger of [otherOnA, otherOnB]) expect(stranger.heard).toEqual([]);
    expect(bystander.heard).toEqual([]);
    for (const watcher of [watcherOnA, watcherOnB]) {
      expect(new Set(watcher.heard.map((h) => h.event))).toEqual(new Set(['inventory:changed']));
    }
    // A client-side join does not exist: the events a customer might try change nothing.
    for (const attempt of ['join', 'subscribe', 'admin', 'room:join']) {
      raw(otherOnA.socket).emit(attempt, 'admin');
      raw(otherOnA.socket).emit(attempt, `customer:${buyer.id}`);
    }
    expect(await watch(otherOnA.socket, ['admin'])).toMatchObject({ ok: false });
    expect(await watch(otherOnA.socket, [`customer:${buyer.id}`])).toMatchObject({ ok: false });
    expect([...((await roomsById()).get(otherOnA.socket.id as string) ?? [])].sort()).toEqual(
      own(otherOnA, `customer:${other.id}`, `session:${other.tokenHash}`),
    );
  });

  it('refuses a handshake from a foreign origin and accepts its own', async () => {
    await expect(open(urlA, { origin: 'http://evil.example' })).rejects.toThrow(
      /origin not allowed/,
    );
    await expect(open(urlA, { origin: 'http://localhost:5174' })).rejects.toThrow(
      /origin not allowed/,
    );
    await expect(open(urlA, { origin: 'null' })).rejects.toThrow(/origin not allowed/);
    // The same host is not enough: another scheme or another port is another origin.
    await expect(open(urlA, { origin: urlA.replace('http:', 'https:') })).rejects.toThrow(
      /origin not allowed/,
    );
    await expect(open(urlA, { origin: urlB })).rejects.toThrow(/origin not allowed/);
    const same = await open(urlA, { origin: urlA });
    expect(same.socket.connected).toBe(true);
    const listed = await open(urlB, { origin: 'http://localhost:5173' });
    expect(listed.socket.connected).toBe(true);
  });

  it('disconnects every socket of a session, on both servers, at logout', async () => {
    const user = await signedIn();
    const keeper = await signedIn();
    const onA = await open(urlA, { token: user.token });
    const onB = await open(urlB, { token: user.token });
    const otherSession = await open(urlB, { token: keeper.token });
    const reasons: string[] = [];
    for (const r of [onA, onB]) r.socket.on('disconnect', (reason) => reasons.push(reason));

    await trpc(urlA, user.token).auth.logout.mutate();
    await eventually('both sockets disconnected', () => (reasons.length === 2 ? true : undefined));
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect']);
    await settle(100);
    expect(otherSession.socket.connected).toBe(true);
    // The same cookie now opens an anonymous socket: no customer room.
    const again = await open(urlA, { token: user.token });
    const rooms = (await roomsById()).get(again.socket.id as string);
    expect([...(rooms ?? [])]).toEqual([again.socket.id]);
  });

  it('disconnects the sockets of a session that expired while they were open, and only those', async () => {
    const user = await signedIn();
    const keeper = await signedIn();
    const onA = await open(urlA, { token: user.token });
    const onB = await open(urlB, { token: user.token });
    const kept = await open(urlA, { token: keeper.token });
    const anonymous = await open(urlB);
    const reasons: string[] = [];
    for (const r of [onA, onB]) r.socket.on('disconnect', (reason) => reasons.push(reason));

    // Nobody announces an expiry: the servers' periodic check (300 ms here) must find it.
    await world.db
      .update(schema.sessions)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(schema.sessions.tokenHash, user.tokenHash));
    await eventually(
      'both sockets disconnected',
      () => (reasons.length === 2 ? true : undefined),
      5_000,
    );
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect']);
    await settle(700); // two more checks
    expect(kept.socket.connected).toBe(true);
    expect(anonymous.socket.connected).toBe(true);
  });

  it('answers bad client events with an error or ignores them, never crashing, changing nothing', async () => {
    const product = await world.addProduct();
    const bad = await open(urlA);
    const good = await open(urlA);
    expect(await watch(good.socket, [product])).toEqual({ ok: true, watching: 1 });

    const tenThousand = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const answers = await Promise.all([
      watch(bad.socket, tenThousand),
      watch(bad.socket, 'abc'),
      watch(bad.socket, { productIds: [1] }),
      watch(bad.socket, null),
      watch(bad.socket, [1, 'x']),
      watch(bad.socket, [-1]),
      watch(bad.socket, [0]),
      watch(bad.socket, [1.5]),
      watch(bad.socket, [2 ** 60]),
      watch(bad.socket, tenThousand, 'inventory:unwatch'),
      watch(bad.socket, 'abc', 'inventory:unwatch'),
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, error: expect.any(String) });
    }
    expect(answers[0]).toMatchObject({ error: expect.stringMatching(/at most 200/) });
    expect(answers[1]).toMatchObject({ error: expect.stringMatching(/array/) });
    expect(answers[5]).toMatchObject({ error: expect.stringMatching(/positive/) });
    // No ack, no arguments, unknown events, a raw ack-less flood: nothing answers, nothing breaks.
    raw(bad.socket).emit('inventory:watch', tenThousand);
    raw(bad.socket).emit('inventory:watch');
    raw(bad.socket).emit('inventory:unwatch', 'abc');
    for (const name of ['nope', 'inventory:changed', 'order:created', 'admin', '']) {
      raw(bad.socket).emit(name, { productIds: [product] });
    }
    // 1,000 per socket: five full calls fit, the sixth is refused whole.
    const batch = (n: number) => Array.from({ length: 200 }, (_, i) => 1_000_000 + n * 200 + i);
    for (let n = 0; n < 5; n++) {
      expect(await watch(bad.socket, batch(n))).toEqual({ ok: true, watching: (n + 1) * 200 });
    }
    expect(await watch(bad.socket, [...batch(5).slice(0, 1), product])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/at most 1000/),
    });
    expect(await watch(bad.socket, batch(0).slice(0, 10), 'inventory:unwatch')).toEqual({
      ok: true,
      watching: 990,
    });

    const rooms = (await roomsById()).get(bad.socket.id as string);
    expect(rooms?.has(`product:${product}`)).toBe(false);
    expect(rooms?.size).toBe(1 + 990);
    expect(bad.socket.connected).toBe(true);
    expect((await fetch(`${urlA}/healthz`)).status).toBe(200);
    // The other socket still hears its product.
    await commitStockEvents([stock(product, 1)]);
    await eventually('the good socket still hears', () =>
      good.of('inventory:changed').length === 1 ? true : undefined,
    );
    expect(bad.heard).toEqual([]);
  });

  it('coalesces a burst of 50 changes to one product into at most 2 events, the newest last', async () => {
    const product = await world.addProduct();
    const watcherA = await open(urlA);
    const watcherB = await open(urlB);
    await watch(watcherA.socket, [product]);
    await watch(watcherB.socket, [product]);

    // Committed in one go, versions out of order: the highest must win anyway.
    const versions = Array.from({ length: 50 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    await commitStockEvents(versions.map((v) => stock(product, v)));
    for (const watcher of [watcherA, watcherB]) {
      await eventually('version 50', () =>
        watcher.of<InventoryChanged>('inventory:changed').some((e) => e.version === 50)
          ? true
          : undefined,
      );
    }
    await settle();
    for (const watcher of [watcherA, watcherB]) {
      const heard = watcher.of<InventoryChanged>('inventory:changed');
      expect(heard.length).toBeLessThanOrEqual(2);
      expect(heard.at(-1)?.version).toBe(50);
    }
    // Every row of the burst is marked published: the newest carried them all.
    await eventually('all rows published', async () => {
      const left = await world.db
        .select({ id: schema.outbox.id })
        .from(schema.outbox)
        .where(
          and(isNull(schema.outbox.publishedAt), eq(schema.outbox.topic, 'inventory:changed')),
        );
      return left.length === 0 ? true : undefined;
    });
  });
});

/**
 * (c) of the live benchmark: commit-to-admin-socket latency against the real stack.
 *
 * A database and Redis prefix of its own; the real server (`apps/server/src/main.ts`, with
 * its live layer and `@socket.io/redis-adapter`) and the real outbox relay
 * (`apps/worker/src/main.ts`, `WORKER_ROLE=relay`) as child processes; an admin socket
 * signed in through the session cookie; customers placing orders over HTTP (tRPC
 * `orders.place`) at a fixed rate. Latency of an order = the admin socket's receipt of its
 * `order:created` − the order's `createdAt` (stamped by the server inside the placing
 * transaction, just before commit; same machine, same clock), so it covers commit, the
 * outbox wake-up, the relay's pass, Redis, the adapter and the socket. Also reported:
 * from the moment the HTTP request was sent (an upper bound that adds the request itself).
 */
import { fileURLToPath } from 'node:url';
import type { AppRouter } from '@stockpulse/api';
import { createSession, SESSION_COOKIE } from '@stockpulse/core';
import { openWorld } from '@stockpulse/core/testing';
import {
  createTestDatabase,
  deleteKeysWithPrefix,
  eventually,
  exitOf,
  freePort,
  spawnMain,
} from '@stockpulse/devstack';
import type { ClientToServerEvents, OrderSummary, ServerToClientEvents } from '@stockpulse/shared';
import { createTRPCClient, httpLink } from '@trpc/client';
import { io as connectSocket, type Socket } from 'socket.io-client';
import superjson from 'superjson';

const serverMain = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));
const workerMain = fileURLToPath(new URL('../../apps/worker/src/main.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CommitToAdminResult {
  done: true;
  ratePerSecond: number;
  orders: number;
  received: number;
  failedPlacements: number;
  /** Orders answered per second over the measured stream (did the server keep up?). */
  achievedPerSecond: number;
  commitP50: number;
  commitP99: number;
  commitMax: number;
  fromRequestP50: number;
  fromRequestP99: number;
  /** Each round's p99 (commitP50/P99/fromRequest* are the medians over rounds). */
  roundP99s: number[];
}

export async function measureCommitToAdmin(options: {
  databaseUrl: string;
  redisUrl: string;
  rate: number;
  seconds: number;
  /** Rounds of `seconds` each on the same stack; figures are medians over them. */
  rounds?: number;
  percentile: (values: number[], p: number) => number;
}): Promise<CommitToAdminResult> {
  const { rate, seconds, percentile } = options;
  const rounds = Math.max(1, options.rounds ?? 3);
  const prefix = `sp-bench-live-c-${process.pid}`;
  const database = await createTestDatabase(options.databaseUrl);
  const world = openWorld(database.url, { connectionLimit: 5 });
  const processes: ReturnType<typeof spawnMain>[] = [];
  let admin: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  try {
    // A known port, so the server can log at `warn` (no line per request to pipe).
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = spawnMain(serverMain, {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    });
    processes.push(server);
    processes.push(
      spawnMain(workerMain, {
        DATABASE_URL: database.url,
        REDIS_URL: options.redisUrl,
        REDIS_PREFIX: prefix,
        WORKER_ROLE: 'relay',
        LOG_LEVEL: 'warn',
      }),
    );
    await eventually(
      'the server ready',
      async () => {
        if (server.child.exitCode !== null) throw new Error(server.output().stderr.slice(-2_000));
        return (await fetch(`${url}/healthz`).catch(() => null))?.ok ? true : undefined;
      },
      60_000,
    );

    const products = await Promise.all(
      Array.from({ length: 20 }, () => world.addProduct({ onHand: 1_000_000, priceCents: 500 })),
    );
    const customers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const user = await world.addCustomer();
        const { token } = await createSession(world.db, user.id);
        return createTRPCClient<AppRouter>({
          links: [
            httpLink({
              url: `${url}/trpc`,
              transformer: superjson,
              headers: { cookie: `${SESSION_COOKIE}=${token}` },
            }),
          ],
        });
      }),
    );
    const adminUser = await world.addCustomer({ role: 'admin' });
    const { token: adminToken } = await createSession(world.db, adminUser.id);

    const heard = new Map<number, { at: number; createdAt: number }>();
    admin = connectSocket(url, {
      forceNew: true,
      transports: ['websocket'],
      extraHeaders: { cookie: `${SESSION_COOKIE}=${adminToken}` },
    });
    admin.on('order:created', (event: OrderSummary) => {
      heard.set(event.id, { at: Date.now(), createdAt: Date.parse(event.createdAt) });
    });
    await new Promise<void>((resolve, reject) => {
      admin?.once('connect', resolve);
      admin?.once('connect_error', reject);
    });

    let n = 0;
    const sentAt = new Map<number, number>();
    let failed = 0;
    const place = async () => {
      n += 1;
      const k = n;
      const started = Date.now();
      try {
        const order = await customers[k % customers.length]!.orders.place.mutate({
          items: [{ productId: products[k % products.length]!, quantity: 1 }],
          idempotencyKey: `bench-${prefix}-${k}`,
        });
        sentAt.set(order.id, started);
        return order.id;
      } catch {
        failed += 1;
        return null;
      }
    };

    // Warm-up: connections, JIT and the relay's first passes; not counted.
    await Promise.all(Array.from({ length: 40 }, () => place()));
    await sleep(500);
    sentAt.clear();
    failed = 0;

    const median = (values: number[]) => percentile(values, 50);
    const perRound: {
      orders: number;
      received: number;
      failed: number;
      achieved: number;
      commitP50: number;
      commitP99: number;
      commitMax: number;
      fromRequestP50: number;
      fromRequestP99: number;
    }[] = [];
    for (let round = 0; round < rounds; round += 1) {
      sentAt.clear();
      failed = 0;
      const total = Math.round(rate * seconds);
      const pending: Promise<number | null>[] = [];
      const t0 = Date.now();
      for (let i = 0; i < total; i += 1) {
        const due = t0 + (i * 1_000) / rate;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
        pending.push(place());
      }
      const ids = (await Promise.all(pending)).filter((id): id is number => id !== null);
      const achieved = Math.round((total * 1_000) / (Date.now() - t0));
      await eventually(
        'the admin socket has every order',
        () => (ids.every((id) => heard.has(id)) ? true : undefined),
        10_000,
      ).catch(() => undefined);
      const commit: number[] = [];
      const fromRequest: number[] = [];
      for (const id of ids) {
        const got = heard.get(id);
        if (!got) continue;
        commit.push(got.at - got.createdAt);
        fromRequest.push(got.at - sentAt.get(id)!);
      }
      perRound.push({
        orders: ids.length,
        received: commit.length,
        failed,
        achieved,
        commitP50: percentile(commit, 50),
        commitP99: percentile(commit, 99),
        commitMax: Math.max(...commit),
        fromRequestP50: percentile(fromRequest, 50),
        fromRequestP99: percentile(fromRequest, 99),
      });
      await sleep(500); // let the queues settle between rounds
    }
    const pick = (key: keyof (typeof perRound)[number]) => median(perRound.map((r) => r[key]));
    const sum = (key: 'orders' | 'received' | 'failed') =>
      perRound.reduce((total, r) => total + r[key], 0);
    return {
      done: true,
      ratePerSecond: rate,
      orders: sum('orders'),
      received: sum('received'),
      failedPlacements: sum('failed'),
      achievedPerSecond: pick('achieved'),
      commitP50: pick('commitP50'),
      commitP99: pick('commitP99'),
      commitMax: Math.max(...perRound.map((r) => r.commitMax)),
      fromRequestP50: pick('fromRequestP50'),
      fromRequestP99: pick('fromRequestP99'),
      roundP99s: perRound.map((r) => r.commitP99),
    };
  } finally {
    admin?.disconnect();
    for (const { child } of processes) child.kill('SIGTERM');
    await Promise.all(processes.map(({ child }) => exitOf(child)));
    await world.close();
    await database.drop();
    await deleteKeysWithPrefix(options.redisUrl, prefix);
  }
}

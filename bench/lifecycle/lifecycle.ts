/**
 * The throughput of an order's whole life — placed over HTTP, published by the
 * relay, paid by the jobs worker — against raw SQL doing the minimal correct work for the
 * same orders (raw-lifecycle.ts), rounds alternating in the same run.
 *
 *  - product: the built server + one WORKER_ROLE=relay + one WORKER_ROLE=jobs worker (as
 *    `npm start` runs them, PAYMENT_LATENCY_MS=0), 16 signed-in clients placing 3-line
 *    orders over 200 products, closed loop, for `seconds`. An order counts when placed.
 *    After the load every order of the round must be paid; the round fails if any is
 *    still pending 5 s after the load ended. The backlog (orders of the round not paid)
 *    is sampled every 0.5 s during and after the load.
 *  - raw: the same 16 clients doing place (placement's statements) then pay, on a database
 *    of its own on the same MariaDB, so that no relay or worker touches its outbox rows.
 *  - per process CPU (/proc) and MariaDB's global status counters over each product
 *    round, from the load's start until its orders are paid, per order.
 */
import { performance } from 'node:perf_hooks';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { closedLoop, type LoadResult, type Operation } from '../checkout/load';
import { rawPlace } from '../checkout/raw-placement';
import { customerClient, type Fixture } from '../fixture';
import { type Child, type StackEnv, sample, startWorker } from '../stack';
import { median, round } from '../stats';
import {
  counterDelta,
  cpuOfPid,
  type DbCounters,
  dbCounters,
  mariadbPid,
  redisPid,
} from './probes';
import { rawPlaceAndPay } from './raw-lifecycle';

export const LIFECYCLE_CLIENTS = 16;
export const LIFECYCLE_PRODUCTS = 200;
/** Every order of a round must be paid this long after its load ended. */
export const PAID_WITHIN_S = 5;

const PROCESSES = ['mariadb', 'server', 'relay', 'jobs', 'redis', 'load generator'] as const;
type ProcessName = (typeof PROCESSES)[number];

export interface LifecycleSettings {
  rounds: number;
  seconds: number;
  /** Also time raw placement alone (no payment) each round. */
  placeOnly: boolean;
  overBudget: () => boolean;
  log: (line: string) => void;
}

export interface LifecycleRound {
  product: LoadResult;
  raw: LoadResult;
  rawPlaceOnly: LoadResult | null;
  ratio: number;
  /** Unpaid orders of the round every 0.5 s from the load's start. */
  backlog: number[];
  maxBacklogDuringLoad: number;
  backlogAtLoadEnd: number;
  /** Seconds from the load's end until every order was paid; null if not within 5 s. */
  drainedAfterS: number | null;
  /** Orders still pending 5 s after the load ended (at most 20 named). */
  stillPending: number[];
  /** The raw place+pay load: MariaDB's and the runner's CPU s, the counters' deltas. */
  rawWindow: {
    orders: number;
    cpuS: { mariadb: number; 'load generator': number };
    db: DbCounters;
  };
  /** Over the load and the drain: CPU s per process, the counters' deltas, the orders. */
  window: { seconds: number; orders: number; cpuS: Record<ProcessName, number>; db: DbCounters };
}

export interface LifecycleResult {
  clients: number;
  products: number;
  seconds: number;
  paymentLatencyMs: 0;
  ratio: number;
  productPerSecond: number;
  rawPerSecond: number;
  rawPlaceOnlyPerSecond: number | null;
  ok: boolean;
  rounds: LifecycleRound[];
  /** Over all product rounds: per order. */
  perOrder: {
    orders: number;
    cpuMs: Record<ProcessName, number>;
    db: Record<keyof DbCounters, number>;
  };
  /** The same over the raw place+pay loads (the runner here is the raw clients). */
  rawPerOrder: {
    orders: number;
    cpuMs: { mariadb: number; 'load generator': number };
    db: Record<keyof DbCounters, number>;
  };
  maxBacklogDuringLoad: number;
  /** The slowest round's drain (null if one did not drain within 5 s). */
  drainedAfterS: number | null;
  pids: { mariadb: number | null; redis: number | null };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureLifecycle(
  fixture: Fixture,
  rawFixture: Fixture,
  rawPool: Pool,
  server: Child & { url: string },
  env: StackEnv,
  settings: LifecycleSettings,
): Promise<LifecycleResult> {
  const { log } = settings;
  const pool: Pool = fixture.handle.pool;
  const tag = Date.now().toString(36);
  const products = fixture.productIds.slice(0, LIFECYCLE_PRODUCTS);
  const rawProducts = rawFixture.productIds.slice(0, LIFECYCLE_PRODUCTS);
  if (fixture.customers.length < LIFECYCLE_CLIENTS) throw new Error('too few customers');
  const clients = fixture.customers
    .slice(0, LIFECYCLE_CLIENTS)
    .map((customer) => customerClient(server.url, customer));
  const pick3 = (ids: number[]) => {
    const chosen = new Set<number>();
    while (chosen.size < 3) chosen.add(ids[Math.floor(Math.random() * ids.length)]!);
    return [...chosen].sort((a, b) => a - b).map((productId) => ({ productId, quantity: 1 }));
  };
  let label = 0;
  const productOp = (): Operation => {
    const round = `${tag}-l${++label}`;
    return async (client, n) => {
      await clients[client]!.orders.place.mutate({
        items: pick3(products),
        idempotencyKey: `${round}-${n}`,
      });
      return 'ok';
    };
  };
  const rawOp = (pay: boolean): Operation => {
    const round = `${tag}-r${++label}`;
    return async (client, n) => {
      const customer = rawFixture.customers[client]!;
      if (pay) await rawPlaceAndPay(rawPool, customer, pick3(rawProducts), `${round}-${n}`);
      else await rawPlace(rawPool, customer, pick3(rawProducts), `${round}-${n}`);
      return 'ok';
    };
  };
  const load = (op: Operation, seconds: number) =>
    closedLoop({ clients: LIFECYCLE_CLIENTS, seconds, maxRequests: 1_000_000, op });

  const scalar = async (sql: string, params: unknown[] = []) => {
    const [rows] = await pool.query<RowDataPacket[]>(sql, params);
    return Number(Object.values(rows[0] ?? {})[0] ?? 0);
  };
  const lastOrderId = () => scalar('SELECT COALESCE(MAX(id), 0) FROM orders');
  const unpaid = (after: number) =>
    scalar("SELECT COUNT(*) FROM orders WHERE id > ? AND status = 'pending'", [after]);

  // Earlier sections left outbox rows no relay published: not this measurement's work.
  await pool.query('UPDATE outbox SET published_at = UTC_TIMESTAMP(3) WHERE published_at IS NULL');
  const [mariadb, redis] = await Promise.all([mariadbPid(pool), redisPid(env.redisUrl)]);
  log(`lifecycle: MariaDB pid ${mariadb ?? '?'}, Redis pid ${redis ?? '?'}`);
  const relay = await startWorker(env, 'relay');
  const jobs = await startWorker(env, 'jobs').catch(async (error) => {
    await relay.stop();
    throw error;
  });
  const cpuNow = (): Record<ProcessName, number> => {
    const self = process.cpuUsage();
    return {
      mariadb: cpuOfPid(mariadb),
      server: sample(server.child).cpuS,
      relay: sample(relay.child).cpuS,
      jobs: sample(jobs.child).cpuS,
      redis: cpuOfPid(redis),
      'load generator': (self.user + self.system) / 1e6,
    };
  };

  /** One product round: load, then wait for every order of it to be paid. */
  const productRound = async (seconds: number) => {
    const after = await lastOrderId();
    const backlog: number[] = [];
    let loading = true;
    const sampler = (async () => {
      while (loading) {
        backlog.push(await unpaid(after));
        await sleep(500);
      }
    })();
    const cpu0 = cpuNow();
    const db0 = await dbCounters(pool);
    const t0 = performance.now();
    const product = await load(productOp(), seconds);
    const loadEnd = performance.now();
    loading = false;
    await sampler;
    const duringLoad = backlog.length;
    const backlogAtLoadEnd = await unpaid(after);
    let left = backlogAtLoadEnd;
    backlog.push(left);
    while (left > 0 && performance.now() - loadEnd < PAID_WITHIN_S * 1_000) {
      await sleep(Math.min(500, PAID_WITHIN_S * 1_000 - (performance.now() - loadEnd)));
      left = await unpaid(after);
      backlog.push(left);
    }
    const end = performance.now();
    const cpu1 = cpuNow();
    const db1 = await dbCounters(pool);
    let stillPending: number[] = [];
    if (left > 0) {
      const [rows] = await pool.query<RowDataPacket[]>(
        "SELECT id FROM orders WHERE id > ? AND status = 'pending' ORDER BY id LIMIT 20",
        [after],
      );
      stillPending = rows.map((row) => Number(row.id));
    }
    const cpuS = Object.fromEntries(
      PROCESSES.map((name) => [name, round(cpu1[name] - cpu0[name], 2)]),
    ) as Record<ProcessName, number>;
    return {
      product,
      backlog,
      maxBacklogDuringLoad: Math.max(0, ...backlog.slice(0, duringLoad)),
      backlogAtLoadEnd,
      drainedAfterS: left === 0 ? round((end - loadEnd) / 1_000, 1) : null,
      stillPending,
      window: {
        seconds: round((end - t0) / 1_000, 2),
        orders: product.ok,
        cpuS,
        db: counterDelta(db0, db1),
      },
    };
  };

  /** A raw place+pay load, with MariaDB's and this process's CPU and the counters over it. */
  const rawRound = async () => {
    const cpu0 = cpuNow();
    const db0 = await dbCounters(pool);
    const raw = await load(rawOp(true), settings.seconds);
    const cpu1 = cpuNow();
    const db1 = await dbCounters(pool);
    return {
      raw,
      rawWindow: {
        orders: raw.ok,
        cpuS: {
          mariadb: round(cpu1.mariadb - cpu0.mariadb, 2),
          'load generator': round(cpu1['load generator'] - cpu0['load generator'], 2),
        },
        db: counterDelta(db0, db1),
      },
    };
  };

  const rounds: LifecycleRound[] = [];
  try {
    // Warm-up (connections, JIT, buffer pool), not counted; its orders paid before round 1.
    log('lifecycle: warm-up');
    const warmAfter = await lastOrderId();
    // 1.5 s left the first product round ~20% below the others (JIT of the three
    // processes' paths): 4 s brings it level.
    await load(productOp(), 4);
    await load(rawOp(true), 1.5);
    const deadline = performance.now() + 30_000;
    while ((await unpaid(warmAfter)) > 0 && performance.now() < deadline) await sleep(250);

    for (let r = 0; r < settings.rounds; r += 1) {
      if (r > 0 && settings.overBudget()) break;
      const rawFirst = r % 2 === 1; // alternate which side goes first
      const raw0 = rawFirst ? await rawRound() : null;
      const p = await productRound(settings.seconds);
      const { raw, rawWindow } = raw0 ?? (await rawRound());
      const rawPlaceOnly = settings.placeOnly ? await load(rawOp(false), settings.seconds) : null;
      const ratio = round(p.product.perSecond / raw.perSecond, 3);
      rounds.push({ ...p, raw, rawPlaceOnly, ratio, rawWindow });
      const errors = p.product.errors + raw.errors + (rawPlaceOnly?.errors ?? 0);
      log(
        `  round ${r + 1}: product ${p.product.perSecond} orders/s (backlog max ${p.maxBacklogDuringLoad}, paid ${p.drainedAfterS === null ? `NOT within ${PAID_WITHIN_S} s` : `${p.drainedAfterS} s after`}) · raw place+pay ${raw.perSecond}/s${rawPlaceOnly ? ` · raw place ${rawPlaceOnly.perSecond}/s` : ''} · ${ratio}×${errors ? ` · errors: ${p.product.firstError ?? raw.firstError ?? rawPlaceOnly?.firstError}` : ''}`,
      );
    }
  } finally {
    await jobs.stop().catch(() => undefined);
    await relay.stop().catch(() => undefined);
  }

  const orders = rounds.reduce((n, r) => n + r.window.orders, 0);
  const sumCpu = (name: ProcessName) => rounds.reduce((s, r) => s + r.window.cpuS[name], 0);
  const sumDb = (key: keyof DbCounters) => rounds.reduce((s, r) => s + r.window.db[key], 0);
  const dbKeys = Object.keys(rounds[0]?.window.db ?? {}) as (keyof DbCounters)[];
  const drains = rounds.map((r) => r.drainedAfterS);
  const rawOrders = rounds.reduce((n, r) => n + r.rawWindow.orders, 0);
  const rawCpu = (name: 'mariadb' | 'load generator') =>
    round((rounds.reduce((s, r) => s + r.rawWindow.cpuS[name], 0) * 1_000) / rawOrders, 2);
  return {
    clients: LIFECYCLE_CLIENTS,
    products: LIFECYCLE_PRODUCTS,
    seconds: settings.seconds,
    paymentLatencyMs: 0,
    ratio: median(rounds.map((r) => r.ratio)),
    productPerSecond: median(rounds.map((r) => r.product.perSecond)),
    rawPerSecond: median(rounds.map((r) => r.raw.perSecond)),
    rawPlaceOnlyPerSecond: settings.placeOnly
      ? median(rounds.map((r) => r.rawPlaceOnly?.perSecond ?? Number.NaN))
      : null,
    ok:
      rounds.length > 0 &&
      rounds.every((r) => r.drainedAfterS !== null && r.product.errors === 0 && r.raw.errors === 0),
    rounds,
    perOrder: {
      orders,
      cpuMs: Object.fromEntries(
        PROCESSES.map((name) => [name, round((sumCpu(name) * 1_000) / orders, 2)]),
      ) as Record<ProcessName, number>,
      db: Object.fromEntries(dbKeys.map((key) => [key, round(sumDb(key) / orders, 1)])) as Record<
        keyof DbCounters,
        number
      >,
    },
    rawPerOrder: {
      orders: rawOrders,
      cpuMs: { mariadb: rawCpu('mariadb'), 'load generator': rawCpu('load generator') },
      db: Object.fromEntries(
        dbKeys.map((key) => [
          key,
          round(rounds.reduce((s, r) => s + r.rawWindow.db[key], 0) / rawOrders, 1),
        ]),
      ) as Record<keyof DbCounters, number>,
    },
    maxBacklogDuringLoad: Math.max(0, ...rounds.map((r) => r.maxBacklogDuringLoad)),
    drainedAfterS: drains.includes(null) ? null : Math.max(0, ...(drains as number[])),
    pids: { mariadb: mariadb ?? null, redis: redis ?? null },
  };
}

/**
 * (4) of the throughput benchmark: order processing with PAYMENT_LATENCY_MS=0 (and no declines).
 *
 *  - throughput: with the relay running (one WORKER_ROLE=relay process) and no jobs
 *    worker, a batch of orders is placed over HTTP and published to the `orders` queue;
 *    then 1 (or 2) WORKER_ROLE=jobs processes start and drain it. Orders processed per
 *    second = (n − 1) / (last − first) of the orders' `paid` events (DATETIME(3)).
 *  - baseline: BullMQ's own throughput at the same concurrency — the same number of jobs
 *    on a queue of the bench drained by 1 (or 2) no-op worker processes
 *    (noop-worker.ts), (n − 1) / (last − first) of the jobs' finishedOn.
 *  - keep-up: server + relay + one jobs worker while orders arrive over HTTP at the
 *    checkout rate of (1) (open loop) for 60 s (--quick: less); the backlog (orders of the
 *    run still pending) is sampled every 500 ms and must stay bounded.
 */
import { fileURLToPath } from 'node:url';
import { eventually, exitOf, spawnMain } from '@stockpulse/devstack';
import { orderJobId } from '@stockpulse/shared';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { closedLoop, type Operation, openLoop } from '../checkout/load';
import type { Fixture } from '../fixture';
import { customerClient } from '../fixture';
import { type Child, type ProcSample, type StackEnv, sample, startWorker } from '../stack';
import { backlogBounded, round } from '../stats';

const CONCURRENCY = 50; // ORDER_CONCURRENCY's default, per worker process
const noopMain = fileURLToPath(new URL('./noop-worker.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ProcessingSettings {
  batch: number;
  keepUpRate: number;
  keepUpSeconds: number;
  overBudget: () => boolean;
  log: (line: string) => void;
}

export interface Throughput {
  workers: number;
  orders: number;
  perSecond: number;
  noopPerSecond: number;
  ratio: number;
  jobsCpuSPer1000: number;
}

export interface KeepUp {
  rate: number;
  seconds: number;
  placed: number;
  achievedPerSecond: number;
  /** Not sent: 256 placements were outstanding when they were due (the server fell behind). */
  dropped: number;
  p99: number;
  samples: number[];
  maxBacklog: number;
  finalBacklog: number;
  drainedAfterS: number | null;
  bounded: boolean;
  /** When the backlog did not drain: each order still pending, its outbox rows and its job. */
  stuck?: { orderId: number; outbox: string; job: string }[];
}

export interface ProcessingResult {
  concurrency: number;
  throughput: Throughput[];
  keepUp: KeepUp | null;
  cost: {
    relay: { cpuSPer1000: number; rssMiB: number; peakRssMiB: number };
    jobs: { cpuSPer1000: number; rssMiB: number; peakRssMiB: number };
  } | null;
}

const per1000 = (cpuS: number, orders: number) =>
  orders > 0 ? round((cpuS * 1_000) / orders, 3) : Number.NaN;

export async function measureProcessing(
  fixture: Fixture,
  server: Child & { url: string },
  env: StackEnv,
  settings: ProcessingSettings,
): Promise<ProcessingResult> {
  const { log } = settings;
  const pool: Pool = fixture.handle.pool;
  const tag = Date.now().toString(36);
  const clients = fixture.customers.map((customer) => customerClient(server.url, customer));
  const ids = fixture.productIds;
  const place: Operation = async (client, n) => {
    const chosen = new Set<number>();
    while (chosen.size < 3) chosen.add(ids[Math.floor(Math.random() * ids.length)]!);
    await clients[client % clients.length]!.orders.place.mutate({
      items: [...chosen].sort((a, b) => a - b).map((productId) => ({ productId, quantity: 1 })),
      idempotencyKey: `${tag}-p-${n}-${Math.random().toString(36).slice(2, 8)}`,
    });
    return 'ok';
  };
  const scalar = async (sql: string, params: unknown[] = []) => {
    const [rows] = await pool.query<RowDataPacket[]>(sql, params);
    return Number(Object.values(rows[0] ?? {})[0] ?? 0);
  };
  const lastOrderId = () => scalar('SELECT COALESCE(MAX(id), 0) FROM orders');
  const pending = (after: number) =>
    scalar("SELECT COUNT(*) FROM orders WHERE id > ? AND status = 'pending'", [after]);

  // The checkout runs left unpublished outbox rows (no relay ran): not this measurement's.
  await pool.query('UPDATE outbox SET published_at = UTC_TIMESTAMP(3) WHERE published_at IS NULL');
  const relay = await startWorker(env, 'relay');
  const ordersConnection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  const ordersQueue = new Queue('orders', {
    connection: ordersConnection,
    prefix: env.redisPrefix,
  });
  const relayStart = sample(relay.child);
  let relayOrders = 0;
  const throughput: Throughput[] = [];
  let keepUp: KeepUp | null = null;
  let jobsCost: { cpuS: number; orders: number; end: ProcSample } | null = null;
  const running: Child[] = [relay];
  let relayEnd = relayStart;
  try {
    const noop = await noopBaseline(env, settings);
    for (const workers of [2, 1]) {
      if (settings.overBudget()) break;
      const after = await lastOrderId();
      log(`processing: placing ${settings.batch} orders for ${workers} jobs worker(s)`);
      // Paused until every jobs worker is up, so that they all start on a full queue.
      await ordersQueue.pause();
      const placed = await closedLoop({
        clients: 32,
        seconds: 120,
        maxRequests: settings.batch,
        op: place,
      });
      relayOrders += placed.ok;
      await eventually(
        'the relay published the batch',
        async () =>
          (await scalar('SELECT COUNT(*) FROM outbox WHERE published_at IS NULL')) === 0
            ? true
            : undefined,
        60_000,
      );
      const jobs = await Promise.all(
        Array.from({ length: workers }, () => startWorker(env, 'jobs')),
      );
      running.push(...jobs);
      const before = jobs.map((job) => sample(job.child).cpuS);
      await ordersQueue.resume();
      await eventually(
        'the batch processed',
        async () => ((await pending(after)) === 0 ? true : undefined),
        120_000,
      ).catch(() => log('  (the batch was not processed in 120 s)'));
      const cpuS = jobs.reduce((sum, job, i) => sum + sample(job.child).cpuS - before[i]!, 0);
      const [rows] = await pool.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n, TIMESTAMPDIFF(MICROSECOND, MIN(created_at), MAX(created_at)) AS us
           FROM order_events WHERE order_id > ? AND to_status = 'paid'`,
        [after],
      );
      const n = Number(rows[0]?.n ?? 0);
      const us = Number(rows[0]?.us ?? 0);
      const perSecond = us > 0 ? round(((n - 1) * 1e6) / us, 1) : Number.NaN;
      const noopPerSecond = noop.get(workers) ?? Number.NaN;
      throughput.push({
        workers,
        orders: n,
        perSecond,
        noopPerSecond,
        ratio: round(perSecond / noopPerSecond, 3),
        jobsCpuSPer1000: per1000(cpuS, n),
      });
      log(
        `  ${workers} jobs worker(s): ${n} orders paid at ${perSecond}/s (BullMQ no-op ${noopPerSecond}/s)`,
      );
      if (workers === 1) {
        jobsCost = { cpuS, orders: n, end: sample(jobs[0]!.child) };
        // ── keep-up, with this one jobs worker still running ──
        if (!settings.overBudget() && settings.keepUpRate > 0) {
          keepUp = await measureKeepUp(settings, place, lastOrderId, pending);
          if (keepUp.drainedAfterS === null) keepUp.stuck = await stuckOrders(pool, ordersQueue);
          relayOrders += keepUp.placed;
        }
      }
      for (const job of jobs) await job.stop();
      running.splice(running.length - jobs.length, jobs.length);
    }
    relayEnd = sample(relay.child);
  } finally {
    for (const child of running.reverse()) await child.stop().catch(() => undefined);
    await ordersQueue.close();
    ordersConnection.disconnect();
  }
  return {
    concurrency: CONCURRENCY,
    throughput,
    keepUp,
    cost: jobsCost
      ? {
          relay: {
            cpuSPer1000: per1000(relayEnd.cpuS - relayStart.cpuS, relayOrders),
            rssMiB: round(relayEnd.rssMiB, 1),
            peakRssMiB: round(relayEnd.peakRssMiB, 1),
          },
          jobs: {
            cpuSPer1000: per1000(jobsCost.cpuS, jobsCost.orders),
            rssMiB: round(jobsCost.end.rssMiB, 1),
            peakRssMiB: round(jobsCost.end.peakRssMiB, 1),
          },
        }
      : null,
  };
}

/** Why orders stayed pending: their outbox rows (published or not) and their job's state. */
async function stuckOrders(pool: Pool, queue: Queue) {
  const [rows] = await pool.query<RowDataPacket[]>(
    "SELECT id FROM orders WHERE status = 'pending' ORDER BY id DESC LIMIT 10",
  );
  return Promise.all(
    rows.map(async ({ id }) => {
      const [outbox] = await pool.query<RowDataPacket[]>(
        `SELECT topic, published_at FROM outbox
          WHERE (topic = 'orders' AND JSON_EXTRACT(payload, '$.data.orderId') = ?)
             OR (topic = 'order:created' AND JSON_EXTRACT(payload, '$.id') = ?)`,
        [id, id],
      );
      const job = await queue.getJob(orderJobId(Number(id)));
      const state = job
        ? `${await job.getState()} attempts=${job.attemptsMade} ${job.failedReason ?? ''}`
        : 'missing';
      return {
        orderId: Number(id),
        outbox: outbox
          .map((row) => `${row.topic}:${row.published_at ? 'published' : 'unpublished'}`)
          .join(', '),
        job: state,
      };
    }),
  );
}

async function measureKeepUp(
  settings: ProcessingSettings,
  place: Operation,
  lastOrderId: () => Promise<number>,
  pending: (after: number) => Promise<number>,
): Promise<KeepUp> {
  const { log } = settings;
  const rate = Math.max(1, Math.round(settings.keepUpRate));
  log(`processing: keep-up at ${rate} orders/s for ${settings.keepUpSeconds} s (1 jobs worker)`);
  const after = await lastOrderId();
  const samples: number[] = [];
  let loading = true;
  const sampler = (async () => {
    while (loading) {
      samples.push(await pending(after));
      await sleep(500);
    }
  })();
  const load = await openLoop({
    rate,
    seconds: settings.keepUpSeconds,
    maxRequests: rate * settings.keepUpSeconds,
    maxInFlight: 256,
    clients: 32,
    op: place,
  });
  loading = false;
  await sampler;
  const finalBacklog = await pending(after);
  const drainStart = Date.now();
  const drained = await eventually(
    'the backlog drained',
    async () => ((await pending(after)) === 0 ? true : undefined),
    30_000,
  ).catch(() => false);
  const result: KeepUp = {
    rate,
    seconds: settings.keepUpSeconds,
    placed: load.ok,
    achievedPerSecond: load.perSecond,
    dropped: load.dropped,
    p99: load.p99,
    samples,
    maxBacklog: Math.max(0, ...samples),
    finalBacklog,
    drainedAfterS: drained ? round((Date.now() - drainStart) / 1_000, 1) : null,
    bounded: drained === true && backlogBounded(samples, rate),
  };
  log(
    `  placed ${load.ok} (${load.perSecond}/s), backlog max ${result.maxBacklog}, at the end ${finalBacklog}, drained after ${result.drainedAfterS ?? '—'} s: ${result.bounded ? 'bounded' : 'NOT bounded'}`,
  );
  return result;
}

/** BullMQ no-op throughput by 1 and 2 worker processes: Map<workers, jobs/s>. */
async function noopBaseline(env: StackEnv, settings: ProcessingSettings) {
  const out = new Map<number, number>();
  const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bench-noop', { connection, prefix: env.redisPrefix });
  try {
    for (const workers of [2, 1]) {
      if (settings.overBudget()) break;
      await queue.obliterate({ force: true });
      await queue.pause(); // until every no-op worker is up
      // More jobs than orders: BullMQ alone drains them an order of magnitude faster.
      const n = Math.min(10_000, settings.batch * 5);
      for (let i = 0; i < n; i += 500) {
        await queue.addBulk(
          Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
            name: 'process',
            data: { orderId: i + k },
            opts: {
              jobId: `noop-${workers}-${i + k}`,
              attempts: 5,
              backoff: { type: 'exponential', delay: 500 },
              removeOnComplete: { age: 86_400, count: 10_000 },
            },
          })),
        );
      }
      const children = Array.from({ length: workers }, () =>
        spawnMain(noopMain, {
          REDIS_URL: env.redisUrl,
          REDIS_PREFIX: env.redisPrefix,
          NOOP_QUEUE: 'bench-noop',
          NOOP_CONCURRENCY: String(CONCURRENCY),
        }),
      );
      try {
        await eventually(
          'the no-op workers ready',
          () =>
            children.every((c) => c.output().stdout.includes('noop worker ready'))
              ? true
              : undefined,
          30_000,
        );
        await queue.resume();
        await eventually(
          'the no-op jobs done',
          async () => ((await queue.getCompletedCount()) >= n ? true : undefined),
          60_000,
        );
      } finally {
        for (const { child } of children) child.kill('SIGTERM');
        await Promise.all(children.map(({ child }) => exitOf(child)));
      }
      const jobs = await queue.getJobs(['completed'], 0, n);
      const finished = jobs.map((job) => job.finishedOn ?? 0).filter((t) => t > 0);
      const span = Math.max(...finished) - Math.min(...finished);
      const perSecond = span > 0 ? round(((finished.length - 1) * 1_000) / span, 1) : Number.NaN;
      out.set(workers, perSecond);
      settings.log(`processing: BullMQ no-op, ${workers} process(es): ${perSecond} jobs/s`);
    }
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
    connection.disconnect();
  }
  return out;
}

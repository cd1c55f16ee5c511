/**
 * Measures the outbox relay: the worker's CPU while idle, and commit-to-publish
 * latency under a steady stream of orders. Run from the repository root:
 *
 *   node --import tsx bench/processing/relay-bench.ts [ordersPerSecond] [seconds] [split]
 *
 * With `split`, the worker runs as two processes, WORKER_ROLE=relay and WORKER_ROLE=jobs.
 * It uses (or starts) MySQL and Redis like the tests, in a database and Redis prefix of its
 * own, runs the real worker (`apps/worker/src/main.ts`) as a child process, and places
 * orders through core's `placeOrder`, whose commits wake the relay as the server's do. The
 * latency of an order is the time from its commit to BullMQ's timestamp on its job (set
 * when the relay adds it): the job is published in the same relay pass as its events.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wakeRelaysOnCommit } from '@stockpulse/core';
import { connect } from '@stockpulse/db';
import {
  createTestDatabase,
  deleteKeysWithPrefix,
  eventually,
  findOrStartServices,
  REPO_ROOT,
  spawnMain,
} from '@stockpulse/devstack';
import { orderJobId } from '@stockpulse/shared';
import { order, shop } from '@stockpulse/worker/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { readEnv } from '../live/env';
import { cpuSecondsFromStat, percentile } from '../stats';

const rate = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 10);
const split = process.argv[4] === 'split';
const IDLE_SECONDS = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** User + system CPU seconds of `pid` so far (Linux). */
const cpuSeconds = (pid: number): number =>
  cpuSecondsFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));

const { DATABASE_URL, REDIS_URL } = readEnv();
const services = await findOrStartServices({
  databaseUrl: DATABASE_URL,
  redisUrl: REDIS_URL,
  dataDir: join(REPO_ROOT, '.data', 'test-services'),
});
const database = await createTestDatabase(services.databaseUrl);
const handle = connect(database.url, { connectionLimit: 40 });
const prefix = `sp-bench-${randomBytes(4).toString('hex')}`;
const redis = new Redis(services.redisUrl);
wakeRelaysOnCommit(handle.db, redis, prefix);
const main = fileURLToPath(new URL('../../apps/worker/src/main.ts', import.meta.url));
const workerEnv = {
  DATABASE_URL: database.url,
  REDIS_URL: services.redisUrl,
  REDIS_PREFIX: prefix,
  PAYMENT_LATENCY_MS: '50',
  LOG_LEVEL: 'info',
};
const workers = split
  ? [
      spawnMain(main, { ...workerEnv, WORKER_ROLE: 'relay' }),
      spawnMain(main, { ...workerEnv, WORKER_ROLE: 'jobs' }),
    ]
  : [spawnMain(main, workerEnv)];
const cpu = () => workers.reduce((sum, worker) => sum + cpuSeconds(worker.child.pid!), 0);
try {
  const { customerId, productIds } = await shop(handle, { products: 200, onHand: 1_000_000 });
  await eventually('the workers ready', () =>
    workers.every((worker) => worker.output().stdout.includes('worker ready')) ? true : undefined,
  );
  await sleep(3_000);
  const idleStart = cpu();
  await sleep(IDLE_SECONDS * 1_000);
  const idleCpu = cpu() - idleStart;
  console.log(
    `idle: ${idleCpu.toFixed(2)} CPU s over ${IDLE_SECONDS} s (${((idleCpu / IDLE_SECONDS) * 100).toFixed(2)} % of a core)`,
  );

  const committedAt = new Map<number, number>();
  const total = rate * seconds;
  const loadStart = cpu();
  const started = Date.now();
  const placing: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1_000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    placing.push(
      order(handle.db, customerId, productIds[i % productIds.length]!).then((id) => {
        committedAt.set(id, Date.now());
      }),
    );
  }
  await Promise.all(placing);
  const elapsed = (Date.now() - started) / 1_000;
  const connection = new Redis(services.redisUrl);
  const queue = new Queue('orders', { connection, prefix });
  const latencies: number[] = [];
  await eventually(
    'every job published',
    async () => {
      latencies.length = 0;
      for (const [id, at] of committedAt) {
        const job = await queue.getJob(orderJobId(id));
        if (!job) return undefined;
        latencies.push(job.timestamp - at);
      }
      return true;
    },
    60_000,
  );
  const loadCpu = cpu() - loadStart;
  latencies.sort((a, b) => a - b);
  console.log(
    `load: ${total} orders in ${elapsed.toFixed(1)} s (${(total / elapsed).toFixed(0)}/s); worker CPU ${loadCpu.toFixed(2)} s`,
  );
  console.log(
    `commit-to-publish ms: p50 ${percentile(latencies, 50)}, p95 ${percentile(latencies, 95)}, p99 ${percentile(latencies, 99)}, max ${latencies.at(-1)}`,
  );
  await queue.close();
  connection.disconnect();
} finally {
  for (const worker of workers) worker.child.kill('SIGTERM');
  redis.disconnect();
  await handle.close();
  await database.drop();
  await deleteKeysWithPrefix(services.redisUrl, prefix);
  await services.stop();
}

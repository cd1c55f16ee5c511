/**
 * BullMQ's own throughput, the baseline of the order processing figures: a Worker whose
 * processor does nothing, with the orders worker's options (concurrency, lock, stalled
 * check), in a process of its own like the real worker. Started by processing.ts with
 * REDIS_URL, REDIS_PREFIX, NOOP_QUEUE and NOOP_CONCURRENCY; not shipped.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { noopWorkerEnv } from '../env';

const env = noopWorkerEnv();
const connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
const worker = new Worker(env.queue, async () => null, {
  connection,
  prefix: env.prefix,
  concurrency: env.concurrency,
  lockDuration: 30_000,
  stalledInterval: 30_000,
  maxStalledCount: 1,
});
await worker.waitUntilReady();
console.log('noop worker ready');
process.on('SIGTERM', async () => {
  await worker.close();
  connection.disconnect();
  process.exit(0);
});

import { receiveRestock, scanForRestocks } from '@stockpulse/core';
import { logOutagesVia } from '@stockpulse/runtime';
import { JOBS, QUEUES, type ReceiveRestockJob, receiveRestockJob } from '@stockpulse/shared';
import { type Job, Worker } from 'bullmq';
import { type WorkerDeps, workerOptions } from '../deps';

type RestockJobName = (typeof JOBS.restock)[keyof typeof JOBS.restock];
type RestockJobData = ReceiveRestockJob | Record<string, never>;
type RestockJobResult = { ordered: number[] } | { received: boolean };
type RestockHandlers = Record<
  RestockJobName,
  (job: Job<RestockJobData, RestockJobResult>) => Promise<RestockJobResult>
>;

/**
 * The `restock` queue, one handler per job name: `scan` (from the job scheduler) orders
 * every product at or below its reorder point with no open restock; `receive` (delayed by
 * the supplier's lead time) puts a restock on the shelf. Both are idempotent: a scan
 * re-checks under the row lock, a receipt only happens while the restock is in transit.
 * Their commits wake the outbox relays themselves (core's writeOutbox).
 */
export function restockHandlers({ db, env, log }: WorkerDeps): RestockHandlers {
  return {
    [JOBS.restock.scan]: async () => {
      const ordered = await scanForRestocks(db, { leadTimeMs: env.RESTOCK_LEAD_TIME_MS });
      if (ordered.length > 0) {
        log.info({ products: ordered.map((r) => r.productId) }, 'restocks ordered');
      }
      return { ordered: ordered.map((r) => r.id) };
    },
    [JOBS.restock.receive]: async (job) => {
      const { restockId } = receiveRestockJob.parse(job.data);
      const received = await receiveRestock(db, restockId);
      if (received) log.info({ restockId, productId: received.productId }, 'restock received');
      return { received: received !== null };
    },
  };
}

const isRestockJobName = (handlers: RestockHandlers, name: string): name is RestockJobName =>
  Object.hasOwn(handlers, name);

export function createRestockWorker(deps: WorkerDeps): Worker<RestockJobData, RestockJobResult> {
  const { log } = deps;
  const handlers = restockHandlers(deps);
  const worker = new Worker<RestockJobData, RestockJobResult>(
    QUEUES.restock,
    async (job) => {
      if (!isRestockJobName(handlers, job.name)) throw new Error(`unknown restock job ${job.name}`);
      return handlers[job.name](job);
    },
    { ...workerOptions(deps), concurrency: 2 },
  );
  logOutagesVia(deps.connection, worker, { source: 'restock worker', logger: log });
  worker.on('failed', (job, err) => {
    log.warn({ jobId: job?.id, name: job?.name, err: err.message }, 'restock job failed');
  });
  return worker;
}

import { receiveRestock, scanForRestocks } from '@stockpulse/core';
import { logOutagesVia } from '@stockpulse/runtime';
import { JOBS, QUEUES, type ReceiveRestockJob, receiveRestockJob } from '@stockpulse/shared';
import { Worker } from 'bullmq';
import { type WorkerDeps, workerOptions } from '../deps';

type RestockJobData = ReceiveRestockJob | Record<string, never>;
type RestockJobResult = { ordered: number[] } | { received: boolean };

/**
 * The `restock` queue: `scan` (from the job scheduler) orders every product at or below
 * its reorder point with no open restock; `receive` (delayed by the supplier's lead time)
 * puts a restock on the shelf. Both are idempotent: a scan re-checks under the row lock, a
 * receipt only happens while the restock is in transit.
 */
export function createRestockWorker(deps: WorkerDeps): Worker<RestockJobData, RestockJobResult> {
  const { db, env, log } = deps;
  const worker = new Worker<RestockJobData, RestockJobResult>(
    QUEUES.restock,
    async (job) => {
      if (job.name === JOBS.restock.scan) {
        const ordered = await scanForRestocks(db, { leadTimeMs: env.RESTOCK_LEAD_TIME_MS });
        if (ordered.length > 0) {
          log.info({ products: ordered.map((r) => r.productId) }, 'restocks ordered');
        }
        return { ordered: ordered.map((r) => r.id) };
      }
      if (job.name === JOBS.restock.receive) {
        const { restockId } = receiveRestockJob.parse(job.data);
        const received = await receiveRestock(db, restockId);
        if (received) {
          log.info({ restockId, productId: received.productId }, 'restock received');
        }
        return { received: received !== null };
      }
      throw new Error(`unknown restock job ${job.name}`);
    },
    { ...workerOptions(deps), concurrency: 2 },
  );
  logOutagesVia(deps.connection, worker, { source: 'restock worker', logger: log });
  worker.on('failed', (job, err) => {
    log.warn({ jobId: job?.id, name: job?.name, err: err.message }, 'restock job failed');
  });
  return worker;
}

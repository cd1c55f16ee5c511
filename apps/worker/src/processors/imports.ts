import { failImport, runImport } from '@stockpulse/core';
import { logOutagesVia } from '@stockpulse/runtime';
import {
  type ImportProgress,
  JOBS,
  QUEUES,
  type RunImportJob,
  runImportJob,
} from '@stockpulse/shared';
import { type Job, Worker } from 'bullmq';
import { type WorkerDeps, workerOptions } from '../deps';

type ImportJobResult = ImportProgress | null;

/**
 * The `imports` queue's one job, `run` (queued through the outbox by
 * `POST /admin/import/products`): core's `runImport` applies the stored file product by
 * product and tells the console its progress. A delivery of an import that has ended
 * does nothing, so a repeated job is harmless; when the last attempt throws (the database
 * went away), the import is marked failed with why instead of staying `running`.
 */
export function importHandler({ db, log }: WorkerDeps) {
  return async (job: Job<RunImportJob, ImportJobResult>): Promise<ImportJobResult> => {
    if (job.name !== JOBS.imports.run) throw new Error(`unknown imports job ${job.name}`);
    const { importId } = runImportJob.parse(job.data);
    try {
      const result = await runImport(db, importId);
      if (result) log.info({ importId, ...result }, 'import finished');
      return result;
    } catch (error) {
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts) {
        await failImport(db, importId, (error as Error).message).catch(() => {});
      }
      throw error;
    }
  };
}

export function createImportsWorker(deps: WorkerDeps): Worker<RunImportJob, ImportJobResult> {
  const { log } = deps;
  // One at a time: an import is long and writes much; two would only contend for rows.
  const worker = new Worker<RunImportJob, ImportJobResult>(QUEUES.imports, importHandler(deps), {
    ...workerOptions(deps),
    concurrency: 1,
  });
  logOutagesVia(deps.connection, worker, { source: 'imports worker', logger: log });
  worker.on('failed', (job, err) => {
    log.warn({ jobId: job?.id, err: err.message }, 'import job failed');
  });
  return worker;
}

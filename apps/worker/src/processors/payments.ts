import { capturePayment, failRefund, processRefund, voidPayment } from '@stockpulse/core';
import { logOutagesVia } from '@stockpulse/runtime';
import { JOBS, QUEUES } from '@stockpulse/shared';
import { type Job, Worker } from 'bullmq';
import { z } from 'zod';
import { type WorkerDeps, workerOptions } from '../deps';

const paymentJob = z.object({ paymentId: z.number().int().positive() });
const refundJob = z.object({ refundId: z.number().int().positive() });

/**
 * The `payments` queue (DESIGN §12): `capture` {paymentId} takes an authorization (less
 * the lines cancelled before capture), `void` {paymentId} releases one, `refund` {refundId}
 * sends a pending refund to the provider. Each is idempotent (the provider call carries a
 * key derived from the row, the recording is guarded by the row's status), so a retry or a
 * job delivered twice changes nothing more. A provider outage throws for BullMQ's retries;
 * a refund whose job failed for good is marked `failed`.
 */
export function createPaymentsWorker(deps: WorkerDeps): Worker {
  const { db, log, payments } = deps;
  const worker = new Worker(
    QUEUES.payments,
    async (job) => {
      switch (job.name) {
        case JOBS.payments.capture:
          return capturePayment(db, payments, paymentJob.parse(job.data).paymentId);
        case JOBS.payments.void:
          return voidPayment(db, payments, paymentJob.parse(job.data).paymentId);
        case JOBS.payments.refund:
          return processRefund(db, payments, refundJob.parse(job.data).refundId);
        default:
          throw new Error(`unknown payments job ${job.name}`);
      }
    },
    { ...workerOptions(deps), concurrency: deps.env.PAYMENTS_CONCURRENCY },
  );
  logOutagesVia(deps.connection, worker, { source: 'payments worker', logger: log });
  worker.on('failed', (job, err) => {
    if (job) void onFailed(deps, job, err);
  });
  return worker;
}

/** A refund job that failed for good: the refund is `failed`, for staff to see. */
async function onFailed(deps: WorkerDeps, job: Job, err: Error) {
  try {
    if (job.name !== JOBS.payments.refund || (await job.getState()) !== 'failed') return;
    const parsed = refundJob.safeParse(job.data);
    if (!parsed.success) return;
    if (await failRefund(deps.db, parsed.data.refundId, err.message)) {
      deps.log.warn({ refundId: parsed.data.refundId, err: err.message }, 'refund failed for good');
    }
  } catch (error) {
    deps.log.warn({ err: error, jobId: job.id }, 'could not mark a failed refund');
  }
}

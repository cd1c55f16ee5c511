import {
  batchedPaymentSteps,
  cancelUnpaidOrder,
  type PaymentOutcome,
  processOrderPayment,
} from '@stockpulse/core';
import { logOutagesVia } from '@stockpulse/runtime';
import { type ProcessOrderJob, processOrderJob, QUEUES } from '@stockpulse/shared';
import { type Job, Worker } from 'bullmq';
import { type WorkerDeps, workerOptions } from '../deps';

/**
 * The `orders` queue: `process` authorizes the order's pending payment attempt with the
 * provider (PAYMENT_PROVIDER) and moves the order to `paid`, the payments in flight sharing
 * their statements (payment-batches.ts in core); with PAYMENT_CAPTURE=immediate it is
 * captured at once. A decline is recorded (the order stays pending, payment_status failed)
 * and the job completes. A provider outage throws, so BullMQ retries with the exponential
 * backoff set when the relay added the job; once the job has failed for good (last attempt,
 * or stalled past the limit) the order is cancelled with `payment_failed` and its stock
 * released.
 */
export function createOrdersWorker(deps: WorkerDeps): Worker<ProcessOrderJob, PaymentOutcome> {
  const { db, env, log } = deps;
  const steps = batchedPaymentSteps(db, {
    windowMs: env.PAYMENT_BATCH_WINDOW_MS,
    maxBatch: env.PAYMENT_BATCH_MAX,
    capture: env.PAYMENT_CAPTURE,
  });

  const worker = new Worker<ProcessOrderJob, PaymentOutcome>(
    QUEUES.orders,
    async (job) => {
      const { orderId, paymentId } = processOrderJob.parse(job.data);
      log.debug({ orderId, paymentId, attempt: job.attemptsMade + 1 }, 'authorising payment');
      return processOrderPayment(
        db,
        { orderId, paymentId },
        { provider: deps.payments, capture: env.PAYMENT_CAPTURE, steps },
      );
    },
    { ...workerOptions(deps), concurrency: env.ORDER_CONCURRENCY },
  );

  logOutagesVia(deps.connection, worker, { source: 'orders worker', logger: log });
  worker.on('failed', (job, err) => {
    if (job) void onFailed(deps, job, err);
  });
  return worker;
}

/** The job failed one attempt; if it will not be retried, the order is cancelled. */
async function onFailed(deps: WorkerDeps, job: Job<ProcessOrderJob>, err: Error) {
  const { db, log } = deps;
  const orderId = job.data?.orderId;
  try {
    // `failed` fires for every attempt; only the failed state means "for good".
    if ((await job.getState()) !== 'failed' || typeof orderId !== 'number') return;
    if (await cancelUnpaidOrder(db, orderId, 'payment_failed')) {
      log.info({ orderId, err: err.message }, 'payment failed for good; order cancelled');
    }
  } catch (error) {
    // The sweeper cancels it later: it sees the failed job.
    log.warn({ err: error, orderId }, 'could not cancel an order whose payment failed');
  }
}

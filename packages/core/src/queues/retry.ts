import { type Database, schema } from '@stockpulse/db';
import {
  DomainError,
  JOBS,
  processOrderJob,
  QUEUES,
  type QueueName,
  receiveRestockJob,
} from '@stockpulse/shared';
import type { Job } from 'bullmq';
import { eq } from 'drizzle-orm';
import type { ProducerQueues } from '../outbox/publisher';

/** What a retry did, in words for the admin who pressed the button. */
export type RetryOutcome =
  | { queue: QueueName; jobId: string; retried: true; state: 'waiting'; message: string }
  | { queue: QueueName; jobId: string; retried: false; state: 'removed'; message: string };

const CANCEL_REASONS: Record<string, string> = {
  payment_failed: 'the payment failed',
  expired: 'it was not paid in time',
};

/**
 * Sends a failed job back to its queue, unless what it was for is settled. A job that is
 * not failed (already retried, or still running) is refused: retrying it would run it
 * twice. A payment job whose order is no longer pending (the worker cancelled it when the
 * attempts ran out; staff cancelled it; it was paid after all), or a receipt whose restock
 * is no longer in transit, would run and change nothing: saying "queued again" would
 * mislead, so the job is cleared from the failed list and the answer says why.
 */
export async function retryJob(
  db: Database,
  queues: ProducerQueues,
  queue: QueueName,
  jobId: string,
): Promise<RetryOutcome> {
  const job = await queues[queue].getJob(jobId);
  if (!job) throw new DomainError('NOT_FOUND', `No job ${jobId} in queue ${queue}`);
  const state = await job.getState();
  if (state !== 'failed') {
    throw new DomainError('JOB_NOT_FAILED', `Job ${jobId} is ${state}, not failed`, { state });
  }
  const settled = await whySettled(db, queue, job);
  if (settled) {
    await job.remove();
    return {
      queue,
      jobId,
      retried: false,
      state: 'removed',
      message: `${settled}; nothing to retry, so job ${jobId} was cleared from the failed list`,
    };
  }
  await job.retry('failed');
  return { queue, jobId, retried: true, state: 'waiting', message: `Job ${jobId} is queued again` };
}

/** Why running the job again would change nothing, or null when it still has work to do. */
async function whySettled(db: Database, queue: QueueName, job: Job): Promise<string | null> {
  if (queue === QUEUES.orders && job.name === JOBS.orders.process) {
    const data = processOrderJob.safeParse(job.data);
    if (!data.success) return null;
    const { orderId } = data.data;
    const [order] = await db
      .select({ status: schema.orders.status, cancelReason: schema.orders.cancelReason })
      .from(schema.orders)
      .where(eq(schema.orders.id, orderId));
    if (!order) return `Order #${orderId} no longer exists`;
    if (order.status === 'pending') return null;
    const reason = order.cancelReason
      ? ` (${CANCEL_REASONS[order.cancelReason] ?? order.cancelReason})`
      : '';
    return `Order #${orderId} is ${order.status}${reason}`;
  }
  if (queue === QUEUES.restock && job.name === JOBS.restock.receive) {
    const data = receiveRestockJob.safeParse(job.data);
    if (!data.success) return null;
    const { restockId } = data.data;
    const [restock] = await db
      .select({ status: schema.restocks.status })
      .from(schema.restocks)
      .where(eq(schema.restocks.id, restockId));
    if (!restock) return `Restock #${restockId} no longer exists`;
    if (restock.status === 'in_transit') return null;
    return `Restock #${restockId} is ${restock.status.replace('_', ' ')}`;
  }
  return null;
}

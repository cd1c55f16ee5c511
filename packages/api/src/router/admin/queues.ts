import { failedJobs, type ProducerQueues, queueStats, retryJob } from '@stockpulse/core';
import { QUEUES } from '@stockpulse/shared';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';

const ZQueue = z.enum([QUEUES.orders, QUEUES.restock, QUEUES.imports, QUEUES.payments]);

/** The server hands the context its BullMQ queues; a caller without them cannot look. */
function queuesOf(ctx: { queues: ProducerQueues | null }): ProducerQueues {
  if (!ctx.queues) {
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The queues are not connected' });
  }
  return ctx.queues;
}

/**
 * BullMQ's queues as the admin console sees them: counts, failures, a retry button whose
 * answer says what it did (queued again, or nothing to retry and why).
 */
export const adminQueuesRouter = {
  stats: adminProcedure.query(({ ctx }) => queueStats(queuesOf(ctx))),

  failed: adminProcedure
    .input(z.strictObject({ queue: ZQueue, limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => failedJobs(queuesOf(ctx), input.queue, input.limit)),

  retry: adminProcedure
    .input(
      z.strictObject({
        queue: ZQueue,
        // BullMQ's ids here: `order-42`, `restock-7`, or its own numeric-string ids.
        jobId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not a job id'),
      }),
    )
    .mutation(({ ctx, input }) => retryJob(ctx.db, queuesOf(ctx), input.queue, input.jobId)),
} satisfies TRPCRouterRecord;

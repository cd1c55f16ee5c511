import { QUEUES, type QueueName } from '@stockpulse/shared';
import type { ProducerQueues } from '../outbox/publisher';

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'] as const;
export type JobState = (typeof STATES)[number];

/** Jobs per state for every queue, for the admin console's overview. */
export async function queueStats(queues: ProducerQueues) {
  const names = Object.values(QUEUES);
  const counts = await Promise.all(names.map((name) => queues[name].getJobCounts(...STATES)));
  return names.map((name, i) => ({
    queue: name,
    counts: Object.fromEntries(STATES.map((state) => [state, counts[i]?.[state] ?? 0])) as Record<
      JobState,
      number
    >,
  }));
}

/** The failed jobs of one queue, newest first, with why they failed. */
export async function failedJobs(queues: ProducerQueues, queue: QueueName, limit = 50) {
  const jobs = await queues[queue].getFailed(0, limit - 1);
  return jobs
    .filter((job) => job !== undefined && job.id !== undefined)
    .map((job) => ({
      id: job.id as string,
      name: job.name,
      data: job.data as Record<string, unknown>,
      failedReason: job.failedReason ?? null,
      attemptsMade: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
      createdAt: new Date(job.timestamp),
    }));
}

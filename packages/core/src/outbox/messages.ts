import type { EventName, EventPayload, QueueName } from '@stockpulse/shared';

/**
 * What a transaction asks the relay to publish once it has committed: a Socket.IO event
 * (routed by `roomsFor` in packages/shared) or a BullMQ job (added under `jobId`, so a
 * second publication of the same row is ignored by BullMQ).
 */
export type OutboxEvent = {
  [E in EventName]: { kind: 'event'; topic: E; payload: EventPayload<E> };
}[EventName];

export interface OutboxJob {
  kind: 'job';
  topic: QueueName;
  payload: { name: string; jobId: string; data: Record<string, unknown>; delayMs?: number };
}

export type OutboxMessage = OutboxEvent | OutboxJob;

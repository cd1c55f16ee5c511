import type { Database } from '@stockpulse/db';
import { type BatcherOptions, createBatcher } from '../db/batcher';
import { markPaid, type PaymentSteps, statusesOf } from './payment';

export interface PaymentBatchOptions {
  /** How long a payment waits for others to share its statements (DESIGN §5 allows it). */
  windowMs: number;
  maxBatch: number;
}

/**
 * The payment steps of a worker process, batched: the status reads of the payments that
 * arrive within one window are one SELECT, and their `pending → paid` is one transaction
 * (`markPaid`). A payment then costs the database about one statement, not seven, once
 * several are in flight (the orders worker runs ORDER_CONCURRENCY at once); alone, it waits
 * at most `windowMs` more. Each job still succeeds, is skipped or fails on its own: a
 * declined card throws in that job only, between the two steps.
 */
export function batchedPaymentSteps(db: Database, options: PaymentBatchOptions): PaymentSteps {
  const batching: BatcherOptions = { ...options, maxInFlight: 2 };
  const statuses = createBatcher((ids: number[]) => statusesOf(db, ids), batching);
  const commits = createBatcher((ids: number[]) => markPaid(db, ids), batching);
  return {
    statusOf: (orderId) => statuses.load(orderId),
    markPaid: (orderId) => commits.load(orderId),
  };
}

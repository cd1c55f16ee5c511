import type { Database } from '@stockpulse/db';
import type { PaymentCaptureMode } from '@stockpulse/shared';
import { type BatcherOptions, createBatcher } from '../db/batcher';
import { type Authorization, markPaid, type PaymentSteps, paymentStatesOf } from './payment';

export interface PaymentBatchOptions {
  /** How long a payment waits for others to share its statements (DESIGN §5 allows it). */
  windowMs: number;
  maxBatch: number;
  /** PAYMENT_CAPTURE: `immediate` writes each payment's `capture` job with it. */
  capture?: PaymentCaptureMode;
}

/**
 * The payment steps of a worker process, batched: the status reads (order and latest attempt)
 * of the payments that arrive within one window are one SELECT, and their `pending → paid` is one transaction
 * (`markPaid`). A payment then costs the database about one statement, not seven, once
 * several are in flight (the orders worker runs ORDER_CONCURRENCY at once); alone, it waits
 * at most `windowMs` more. Each job still succeeds, is skipped or fails on its own: a
 * declined card throws in that job only, between the two steps.
 */
export function batchedPaymentSteps(db: Database, options: PaymentBatchOptions): PaymentSteps {
  const batching: BatcherOptions = {
    windowMs: options.windowMs,
    maxBatch: options.maxBatch,
    maxInFlight: 2,
  };
  const states = createBatcher((ids: number[]) => paymentStatesOf(db, ids), batching);
  // What the provider said for each order waiting to be committed, by order id.
  const authorized = new Map<number, Authorization>();
  const commits = createBatcher((ids: number[]) => {
    const batch = new Map<number, Authorization>();
    for (const id of ids) {
      const authorization = authorized.get(id);
      if (authorization) batch.set(id, authorization);
      authorized.delete(id);
    }
    return markPaid(db, ids, batch, options.capture);
  }, batching);
  return {
    stateOf: (orderId) => states.load(orderId),
    markPaid: (orderId, authorization) => {
      if (authorization) authorized.set(orderId, authorization);
      return commits.load(orderId);
    },
  };
}

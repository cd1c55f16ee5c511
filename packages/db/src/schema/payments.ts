import { PAYMENT_ATTEMPT_STATUSES, REFUND_STATUSES } from '@stockpulse/shared';
import { sql } from 'drizzle-orm';
import { char, check, index, int, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, ref, timestamps } from './columns';
import { orders } from './orders';

/**
 * Each attempt to pay for an order (DESIGN §12): the card as the provider's token, its
 * brand and last four digits (never the number), and what the provider did with it. An
 * order has one per payment method tried; the latest one that was not declined is the
 * order's payment. Invariant: refunded ≤ captured ≤ amount.
 */
export const payments = mysqlTable(
  'payments',
  {
    id: id(),
    orderId: ref()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** The provider that holds the token (`simulated`, or a real one's adapter). */
    provider: varchar({ length: 32 }).notNull(),
    methodToken: varchar({ length: 255 }).notNull(),
    brand: varchar({ length: 16 }).notNull(),
    last4: char({ length: 4 }).notNull(),
    status: mysqlEnum(PAYMENT_ATTEMPT_STATUSES).notNull().default('pending'),
    /** What was authorized: the order's total when the attempt was made. */
    amountCents: int({ unsigned: true }).notNull(),
    capturedCents: int({ unsigned: true }).notNull().default(0),
    /** Refunds that succeeded; pending ones are the `refunds` rows still `pending`. */
    refundedCents: int({ unsigned: true }).notNull().default(0),
    /** The provider's id for the authorization. */
    providerRef: varchar({ length: 64 }),
    declineCode: varchar({ length: 32 }),
    ...timestamps,
  },
  (t) => [
    index('payments_order_idx').on(t.orderId, t.id),
    index('payments_status_idx').on(t.status, t.id),
    check('payments_captured_within_amount', sql`captured_cents <= amount_cents`),
    check('payments_refunded_within_captured', sql`refunded_cents <= captured_cents`),
  ],
);

/**
 * Money given back (DESIGN §12): from a return, a line cancelled after capture, or staff's
 * goodwill. Written `pending` with the order's lock held (so two refunds cannot together
 * pass what was captured), then sent to the provider by the `payments` queue's `refund`
 * job with `refund-{id}` as the idempotency key, retried on provider errors.
 */
export const refunds = mysqlTable(
  'refunds',
  {
    id: id(),
    orderId: ref()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    paymentId: ref()
      .notNull()
      .references(() => payments.id),
    /** The return it pays back, if any (`returns.id`; no FK: returns reference orders). */
    returnId: ref(),
    amountCents: int({ unsigned: true }).notNull(),
    reason: varchar({ length: 255 }).notNull(),
    status: mysqlEnum(REFUND_STATUSES).notNull().default('pending'),
    providerRef: varchar({ length: 64 }),
    attempts: int({ unsigned: true }).notNull().default(0),
    lastError: varchar({ length: 255 }),
    /** `admin:3`, `worker`. */
    actor: varchar({ length: 64 }).notNull(),
    ...timestamps,
  },
  (t) => [
    index('refunds_order_idx').on(t.orderId, t.id),
    index('refunds_payment_idx').on(t.paymentId, t.status),
    index('refunds_return_idx').on(t.returnId),
    index('refunds_status_time_idx').on(t.status, t.createdAt),
    check('refunds_amount_positive', sql`amount_cents > 0`),
  ],
);

export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

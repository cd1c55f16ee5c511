import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import type { Invariant, InvariantViolation } from './types';

/**
 * 12. Per payment (DESIGN §12): refunded ≤ captured ≤ amount, and refunded is the sum of
 * its succeeded refunds. Each payment joined to its refunds through refunds_payment_idx;
 * the recent check reads the payments of the scope's orders (payments_order_idx).
 */
const PAYMENT_AMOUNTS_SQL = (where: string) => `SELECT p.id, MAX(p.order_id) AS order_id,
    MAX(p.amount_cents) AS amount, MAX(p.captured_cents) AS captured,
    MAX(p.refunded_cents) AS refunded,
    CAST(COALESCE(SUM(CASE WHEN r.status = 'succeeded' THEN r.amount_cents END), 0) AS SIGNED) AS refunds
  FROM payments p LEFT JOIN refunds r ON r.payment_id = p.id
  ${where}
  GROUP BY p.id
  HAVING captured > amount OR refunded > captured OR refunded <> refunds`;

const amountViolations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) => ({
    invariant: 12,
    entity: 'order',
    entityId: Number(row.order_id),
    detail: `payment ${row.id}: amount=${row.amount} captured=${row.captured} refunded=${row.refunded} succeeded refunds=${row.refunds}`,
  }));

export const paymentAmounts: Invariant = {
  number: 12,
  name: 'payments: refunded ≤ captured ≤ amount, refunded = its refunds',
  heavy: true,
  full: async (query) => amountViolations(await query(PAYMENT_AMOUNTS_SQL(''))),
  recent: async (query, scope) =>
    amountViolations(
      await inBatches(scope.orderIds, (batch) =>
        query(PAYMENT_AMOUNTS_SQL('WHERE p.order_id IN (?)'), [batch]),
      ),
    ),
};

/**
 * 13. `orders.payment_status` is what the order's latest attempt says of it
 * (`paymentStatusOf` in @stockpulse/shared, written out here as SQL): no attempt or a
 * pending one → awaiting_payment, authorized, declined → failed, voided, captured → paid,
 * partially_refunded or refunded. The latest attempt is one seek of payments_order_idx.
 */
const PAYMENT_STATUS_SQL = (where: string) => `SELECT o.id, o.payment_status AS actual,
    CASE
      WHEN p.id IS NULL OR p.status = 'pending' THEN 'awaiting_payment'
      WHEN p.status = 'declined' THEN 'failed'
      WHEN p.status = 'captured' THEN
        CASE WHEN p.refunded_cents = 0 THEN 'paid'
             WHEN p.refunded_cents >= p.captured_cents THEN 'refunded'
             ELSE 'partially_refunded' END
      ELSE p.status
    END AS expected
  FROM orders o
  LEFT JOIN payments p ON p.id = (
    SELECT MAX(l.id) FROM payments l WHERE l.order_id = o.id
  )
  ${where}
  HAVING actual <> expected`;

const statusViolations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) => ({
    invariant: 13,
    entity: 'order',
    entityId: Number(row.id),
    detail: `payment_status=${row.actual} latest attempt says ${row.expected}`,
  }));

export const paymentStatuses: Invariant = {
  number: 13,
  name: "an order's payment status follows its latest payment attempt",
  heavy: true,
  full: async (query) => statusViolations(await query(PAYMENT_STATUS_SQL(''))),
  recent: async (query, scope) =>
    statusViolations(
      await inBatches(scope.orderIds, (batch) =>
        query(PAYMENT_STATUS_SQL('WHERE o.id IN (?)'), [batch]),
      ),
    ),
};

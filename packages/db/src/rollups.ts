import { REVENUE_STATUSES } from '@stockpulse/shared';
import type { Connection, Pool } from 'mysql2/promise';

/**
 * Rebuilding the rollups of schema/reports.ts from `orders` and `order_details`: what the
 * migration that created them runs (0004_rollups.sql holds the same statements), and what
 * the seed runs once its history is written. Run it only while no order changes: it
 * counts the orders as they are, and marks every outbox row so far as counted.
 */

/** The UTC hour, day and month of a DATETIME column, as DATETIME values. */
const HOUR = (c: string) => `TIMESTAMP(DATE(${c}), MAKETIME(HOUR(${c}), 0, 0))`;
const DAY = (c: string) => `TIMESTAMP(DATE(${c}))`;
const MONTH = (c: string) => `TIMESTAMP(DATE_FORMAT(${c}, '%Y-%m-01'))`;

/** REVENUE_STATUSES (partially shipped included, DESIGN §12). */
const REVENUE = `o.status IN (${REVENUE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

function salesRollup(grain: 'hour' | 'day', bucket: string) {
  return `INSERT INTO sales_rollup (grain, bucket_start, status, orders, revenue_cents, units)
SELECT '${grain}', ${bucket} AS b, o.status, COUNT(*), SUM(o.total_cents), SUM(o.item_count)
FROM orders o GROUP BY b, o.status`;
}

function productRollup(grain: 'hour' | 'day' | 'month', bucket: string) {
  return `INSERT INTO product_sales_rollup (grain, bucket_start, product_id, units, revenue_cents)
SELECT '${grain}', ${bucket} AS b, d.product_id, SUM(d.quantity), SUM(d.quantity * d.unit_price_cents)
FROM orders o STRAIGHT_JOIN order_details d ON d.order_id = o.id
WHERE ${REVENUE}
GROUP BY b, d.product_id`;
}

/**
 * Money given back (DESIGN §12), rebuilt: every refund that succeeded, at the hour of its
 * `updated_at` (when it became `succeeded`; the `payments` queue counts it live with
 * `recordMoneyBack` at that moment), plus the lines cancelled before capture. Those have
 * no row of their own: a rebuild from `refunds` alone would miss them. The rule: for each
 * order in a revenue status with cancelled units, the authorized amount its captured
 * payment did not take (`amount_cents − captured_cents`), or, before any capture, its
 * cancelled units at their price, counted at the order's `updated_at` and as 0 refunds.
 * So after a rebuild the cancellations may sit in a later hour than where they were
 * counted live, and `refunds` counts refunds only; totals stay exact.
 */
function refundRollup(grain: 'hour' | 'day', bucket: (c: string) => string) {
  return `INSERT INTO refund_rollup (grain, bucket_start, refunds, refunded_cents)
SELECT '${grain}', b, SUM(n), SUM(c) FROM (
  SELECT ${bucket('r.updated_at')} AS b, 1 AS n, r.amount_cents AS c
  FROM refunds r WHERE r.status = 'succeeded'
  UNION ALL
  SELECT ${bucket('o.updated_at')} AS b, 0 AS n,
    COALESCE((SELECT p.amount_cents - p.captured_cents FROM payments p
              WHERE p.order_id = o.id AND p.status = 'captured' ORDER BY p.id DESC LIMIT 1),
             x.cancelled) AS c
  FROM (SELECT order_id, SUM(cancelled_quantity * unit_price_cents) AS cancelled
        FROM order_details WHERE cancelled_quantity > 0 GROUP BY order_id) x
  JOIN orders o ON o.id = x.order_id
  WHERE ${REVENUE}
) money GROUP BY b HAVING SUM(c) > 0`;
}

export const REBUILD_ROLLUPS_SQL: readonly string[] = [
  'DELETE FROM refund_rollup',
  'DELETE FROM sales_rollup',
  'DELETE FROM product_sales_rollup',
  'DELETE FROM order_status_counts',
  'DELETE FROM rollup_state',
  salesRollup('hour', HOUR('o.created_at')),
  salesRollup('day', DAY('o.created_at')),
  productRollup('hour', HOUR('o.created_at')),
  productRollup('day', DAY('o.created_at')),
  productRollup('month', MONTH('o.created_at')),
  refundRollup('hour', HOUR),
  refundRollup('day', DAY),
  `INSERT INTO order_status_counts (status, orders)
SELECT status, COUNT(*) FROM orders GROUP BY status`,
  `INSERT INTO rollup_state (id, folded_through_outbox_id, rebuilt_at)
SELECT 1, COALESCE(MAX(id), 0), UTC_TIMESTAMP(3) FROM outbox`,
];

/** Rebuilds every rollup from the orders, in one transaction on one connection. */
export async function rebuildRollups(db: Pool | Connection): Promise<void> {
  const pooled = 'getConnection' in db ? await db.getConnection() : null;
  const connection = pooled ?? (db as Connection);
  try {
    await connection.query('START TRANSACTION');
    try {
      for (const statement of REBUILD_ROLLUPS_SQL) await connection.query(statement);
      await connection.query('COMMIT');
    } catch (error) {
      await connection.query('ROLLBACK');
      throw error;
    }
  } finally {
    pooled?.release();
  }
}

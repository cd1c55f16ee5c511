import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import type { Invariant, InvariantViolation } from './types';

/**
 * 5. Every order has lines, and its total and item count are their sums. One pass over
 * the orders in primary-key order, each joined to its own lines through the
 * (order_id, product_id) index: the GROUP BY streams with the scan, no temporary table,
 * and the lines' rows are read in order too, since an order's lines are written with it.
 */
const ORDER_TOTALS_SQL = (where: string) => `SELECT o.id,
    MAX(o.total_cents) AS order_total, MAX(o.item_count) AS order_items, COUNT(d.id) AS line_count,
    CAST(COALESCE(SUM(d.quantity * d.unit_price_cents), 0) AS SIGNED) AS lines_total,
    CAST(COALESCE(SUM(d.quantity), 0) AS SIGNED) AS lines_items
  FROM orders o LEFT JOIN order_details d ON d.order_id = o.id
  ${where}
  GROUP BY o.id
  HAVING line_count = 0 OR order_total <> lines_total OR order_items <> lines_items`;

const violations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) => ({
    invariant: 5,
    entity: 'order',
    entityId: Number(row.id),
    detail: `total_cents=${row.order_total} lines=${row.lines_total} item_count=${row.order_items} lines=${row.lines_items}`,
  }));

export const orderTotals: Invariant = {
  number: 5,
  name: 'order totals equal their lines',
  heavy: true,
  full: async (query) => violations(await query(ORDER_TOTALS_SQL(''))),
  recent: async (query, scope) =>
    violations(
      await inBatches(scope.orderIds, (batch) =>
        query(ORDER_TOTALS_SQL('WHERE o.id IN (?)'), [batch]),
      ),
    ),
};

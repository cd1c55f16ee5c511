import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import type { Invariant, InvariantViolation } from './types';

/**
 * 6. Every order's status history chains: its first event starts from NULL, each next one
 * from where the last ended, and the last ends at the order's status.
 *
 * One window over the events with each order's own row appended as a last pseudo-event
 * (from = its status, id above any event's): LAG then checks all three rules in one pass,
 * an order without events included (its pseudo-event follows nothing). Events of one
 * order are scattered over the table (placed, paid minutes later, shipped days later), so
 * the window sorts rather than following an index; held in memory (snapshot.ts) that sort
 * is 7 s on the reference shop's 4.9 M rows, against 82 s for the former join of each
 * order to its newest event.
 */
const LAST = '18446744073709551615';

const HISTORY_SQL = (
  events: string,
  orders: string,
) => `SELECT order_id, id, is_order, from_status, previous
  FROM (
    SELECT order_id, id, is_order, from_status,
      LAG(to_status) OVER (PARTITION BY order_id ORDER BY id) AS previous
    FROM (
      SELECT order_id, id, 0 AS is_order, from_status, to_status FROM order_events ${events}
      UNION ALL
      SELECT id, ${LAST}, 1, status, NULL FROM orders ${orders}
    ) history
  ) chained
  WHERE NOT (from_status <=> previous)`;

const violations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) => ({
    invariant: 6,
    entity: 'order',
    entityId: Number(row.order_id),
    detail: Number(row.is_order)
      ? `status=${row.from_status} last event=${row.previous ?? 'none'}`
      : `event ${row.id} goes from ${row.from_status ?? 'NULL'} but the order was ${row.previous ?? 'NULL'}`,
  }));

export const statusHistory: Invariant = {
  number: 6,
  name: 'status histories chain to the status',
  heavy: true,
  full: async (query) => violations(await query(HISTORY_SQL('', ''))),
  recent: async (query, scope) =>
    violations(
      await inBatches(scope.orderIds, (batch) =>
        query(HISTORY_SQL('WHERE order_id IN (?)', 'WHERE id IN (?)'), [batch, batch]),
      ),
    ),
};

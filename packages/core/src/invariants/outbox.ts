import type { RowDataPacket } from 'mysql2/promise';
import type { Invariant, InvariantViolation } from './types';

/**
 * 7. No outbox row stays unpublished for more than 5 seconds. The unpublished rows are a
 * range of the (published_at, id) index whatever the shop's size, so both modes read
 * them all. "Now" is the statement's, taken right as its snapshot opens.
 */
const STALE_SQL = `SELECT id, kind, topic,
    DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f') AS since
  FROM outbox
  WHERE published_at IS NULL AND created_at < UTC_TIMESTAMP(3) - INTERVAL 5 SECOND`;

const violations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) => ({
    invariant: 7,
    entity: 'outbox',
    entityId: Number(row.id),
    detail: `${row.kind} ${row.topic} unpublished since ${row.since}`,
  }));

export const outboxDelivery: Invariant = {
  number: 7,
  name: 'the outbox is published',
  full: async (query) => violations(await query(STALE_SQL)),
  recent: async (query) => violations(await query(STALE_SQL)),
};

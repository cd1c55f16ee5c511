import { OPEN_RESTOCK_STATUSES } from '@stockpulse/shared';
import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import { stockMismatches, stockOf, sumsByRow } from './stock';
import type { Invariant, Query } from './types';

/**
 * 4. Every (variant, location)'s incoming equals its open restocks and the transfers in
 * transit to that location (DESIGN §11).
 */
const OPEN_RESTOCKS_SQL = `SELECT variant_id, location_id, CAST(SUM(quantity) AS SIGNED) AS quantity
  FROM restocks WHERE status IN (?)`;
const IN_TRANSIT_SQL = `SELECT l.variant_id, t.to_location_id AS location_id,
    CAST(SUM(l.quantity) AS SIGNED) AS quantity
  FROM transfers t STRAIGHT_JOIN transfer_lines l ON l.transfer_id = t.id
  WHERE t.status = 'in_transit'`;

async function check(query: Query, variantIds?: readonly number[]) {
  const group = ' GROUP BY variant_id, location_id ORDER BY NULL';
  const restocks: RowDataPacket[] = variantIds
    ? await inBatches(variantIds, (batch) =>
        query(`${OPEN_RESTOCKS_SQL} AND variant_id IN (?)${group}`, [OPEN_RESTOCK_STATUSES, batch]),
      )
    : await query(`${OPEN_RESTOCKS_SQL}${group}`, [OPEN_RESTOCK_STATUSES]);
  const transfers = await query(
    `${IN_TRANSIT_SQL} GROUP BY l.variant_id, t.to_location_id ORDER BY NULL`,
  );
  const expected = sumsByRow([...restocks, ...transfers], 'quantity');
  return stockMismatches(
    4,
    await stockOf(query, variantIds),
    expected,
    (stock) => stock.incoming,
    (incoming, open) => `incoming=${incoming} open restocks and transfers in transit=${open}`,
  );
}

export const incoming: Invariant = {
  number: 4,
  name: 'incoming equals the open restocks and transfers',
  full: (query) => check(query),
  recent: (query, scope) => check(query, scope.variantIds),
};

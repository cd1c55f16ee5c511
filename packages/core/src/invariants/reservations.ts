import { RESERVING_STATUSES } from '@stockpulse/shared';
import { stockMismatches, stockOf, sumsByRow } from './stock';
import type { Invariant, Query } from './types';

/**
 * 3. Every (variant, location)'s reserved equals the open units of the allocations there
 * (quantity − shipped − cancelled, DESIGN §12) of the lines of the orders in
 * RESERVING_STATUSES: pending, paid and partially shipped (DESIGN §11). Both modes total the open orders' allocations
 * from the open orders themselves, through the status index: that costs what the open
 * orders cost (a few thousand on the reference shop), whereas starting from a
 * best-selling variant's lines would read all of its history. Recent mode compares the
 * variants in scope.
 */
const OPEN_ALLOCATIONS_SQL = `SELECT d.variant_id, a.location_id,
    CAST(SUM(CAST(a.quantity AS SIGNED) - a.shipped_quantity - a.cancelled_quantity) AS SIGNED)
      AS quantity
  FROM orders o
  STRAIGHT_JOIN order_details d ON d.order_id = o.id
  STRAIGHT_JOIN order_allocations a ON a.order_detail_id = d.id
  WHERE o.status IN (?)
  GROUP BY d.variant_id, a.location_id ORDER BY NULL`;

async function check(query: Query, variantIds?: readonly number[]) {
  const open = sumsByRow(await query(OPEN_ALLOCATIONS_SQL, [RESERVING_STATUSES]), 'quantity');
  return stockMismatches(
    3,
    await stockOf(query, variantIds),
    open,
    (stock) => stock.reserved,
    (reserved, lines) => `reserved=${reserved} open order allocations=${lines}`,
  );
}

export const reservations: Invariant = {
  number: 3,
  name: 'reserved equals the open orders’ allocations',
  full: (query) => check(query),
  recent: (query, scope) => check(query, scope.variantIds),
};

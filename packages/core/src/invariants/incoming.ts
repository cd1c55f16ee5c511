import { OPEN_RESTOCK_STATUSES } from '@stockpulse/shared';
import { inBatches } from './batches';
import { stockMismatches, stockOf, sumsByProduct } from './stock';
import type { Invariant, Query } from './types';

/** 4. Every product's incoming equals the quantities of its open restocks. */
const OPEN_RESTOCKS_SQL = `SELECT product_id, CAST(SUM(quantity) AS SIGNED) AS quantity
  FROM restocks WHERE status IN (?)`;

async function check(query: Query, productIds?: readonly number[]) {
  const rows = productIds
    ? await inBatches(productIds, (batch) =>
        query(`${OPEN_RESTOCKS_SQL} AND product_id IN (?) GROUP BY product_id ORDER BY NULL`, [
          OPEN_RESTOCK_STATUSES,
          batch,
        ]),
      )
    : await query(`${OPEN_RESTOCKS_SQL} GROUP BY product_id ORDER BY NULL`, [
        OPEN_RESTOCK_STATUSES,
      ]);
  return stockMismatches(
    4,
    await stockOf(query, productIds),
    sumsByProduct(rows, 'quantity'),
    (stock) => stock.incoming,
    (incoming, restocks) => `incoming=${incoming} open restocks=${restocks}`,
  );
}

export const incoming: Invariant = {
  number: 4,
  name: 'incoming equals the open restocks',
  full: (query) => check(query),
  recent: (query, scope) => check(query, scope.productIds),
};

import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import type { Invariant, InvariantViolation } from './types';

/**
 * 1. 0 ≤ reserved ≤ on_hand and incoming ≥ 0 on every stock row. The table's CHECK
 * constraint already refuses such a row; this is the check that the constraint is there.
 */
const OUT_OF_BOUNDS_SQL = `SELECT product_id, on_hand, reserved, incoming FROM inventory
  WHERE (reserved < 0 OR reserved > on_hand OR on_hand < 0 OR incoming < 0)`;

const violations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) => ({
    invariant: 1,
    entity: 'product',
    entityId: Number(row.product_id),
    detail: `on_hand=${row.on_hand} reserved=${row.reserved} incoming=${row.incoming}`,
  }));

export const stockBounds: Invariant = {
  number: 1,
  name: 'stock within its bounds',
  full: async (query) => violations(await query(OUT_OF_BOUNDS_SQL)),
  recent: async (query, scope) =>
    violations(
      await inBatches(scope.productIds, (batch) =>
        query(`${OUT_OF_BOUNDS_SQL} AND product_id IN (?)`, [batch]),
      ),
    ),
};

import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import { stockViolation } from './stock';
import type { Invariant, InvariantViolation } from './types';

/**
 * 1. Every column ≥ 0 and reserved + unavailable ≤ on_hand on every stock row. The
 * table's CHECK constraint already refuses such a row; this is the check that it is there.
 */
const OUT_OF_BOUNDS_SQL = `SELECT variant_id, location_id, on_hand, reserved, incoming,
    damaged, quality_control, safety_stock FROM inventory
  WHERE (reserved < 0 OR on_hand < 0 OR incoming < 0 OR damaged < 0 OR quality_control < 0
    OR safety_stock < 0 OR reserved + damaged + quality_control + safety_stock > on_hand)`;

const violations = (rows: RowDataPacket[]): InvariantViolation[] =>
  rows.map((row) =>
    stockViolation(
      1,
      { variantId: Number(row.variant_id), locationId: Number(row.location_id) },
      `on_hand=${row.on_hand} reserved=${row.reserved} incoming=${row.incoming} damaged=${row.damaged} quality_control=${row.quality_control} safety_stock=${row.safety_stock}`,
    ),
  );

export const stockBounds: Invariant = {
  number: 1,
  name: 'stock within its bounds',
  full: async (query) => violations(await query(OUT_OF_BOUNDS_SQL)),
  recent: async (query, scope) =>
    violations(
      await inBatches(scope.variantIds, (batch) =>
        query(`${OUT_OF_BOUNDS_SQL} AND variant_id IN (?)`, [batch]),
      ),
    ),
};

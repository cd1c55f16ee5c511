import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import { figuresOf, rowKey, type StockFigures, stockOf, stockViolation } from './stock';
import type { Invariant, InvariantViolation } from './types';

/**
 * 2. Every stock row equals the sums of its (variant, location)'s ledger
 * (`stock_movements`), column for column, and no ledger row names a (variant, location)
 * without a stock row. The stock row and the sums come from one snapshot, so a placement
 * committing meanwhile is in both or in neither.
 */
const SUMS = `variant_id, location_id, CAST(SUM(delta_on_hand) AS SIGNED) AS on_hand,
  CAST(SUM(delta_reserved) AS SIGNED) AS reserved, CAST(SUM(delta_incoming) AS SIGNED) AS incoming,
  CAST(SUM(delta_damaged) AS SIGNED) AS damaged,
  CAST(SUM(delta_quality_control) AS SIGNED) AS quality_control,
  CAST(SUM(delta_safety_stock) AS SIGNED) AS safety_stock`;

/**
 * The whole ledger in one pass over the clustered index into a temporary table of one row
 * per (variant, location). Left to itself the optimizer streams (variant_id, location_id,
 * created_at) in order to save that table, and pays a primary-key lookup per ledger row
 * for the deltas: on the reference shop 4.1 M random lookups, 195–240 s, against 7 s for
 * this plan.
 */
const ALL_SUMS_SQL = `SELECT ${SUMS}
  FROM stock_movements IGNORE INDEX FOR GROUP BY (stock_movements_variant_time_idx)
  GROUP BY variant_id, location_id ORDER BY NULL`;

/**
 * The variants of a recent check, each from its own range of the index holding the
 * deltas, (variant_id, location_id, delta_…), which the optimizer picks by itself: read
 * from the index alone, never a row lookup per ledger row.
 */
const SOME_SUMS_SQL = `SELECT ${SUMS} FROM stock_movements WHERE variant_id IN (?)
  GROUP BY variant_id, location_id ORDER BY NULL`;

const COLUMNS = [
  'onHand',
  'reserved',
  'incoming',
  'damaged',
  'qualityControl',
  'safetyStock',
] as const satisfies readonly (keyof StockFigures)[];
const text = (f: StockFigures) => COLUMNS.map((column) => f[column]).join('/');

function compare(stock: Map<string, StockFigures>, sums: RowDataPacket[]): InvariantViolation[] {
  const ledger = new Map(
    sums.map((row) => [rowKey(row.variant_id, row.location_id), figuresOf(row)]),
  );
  const violations: InvariantViolation[] = [];
  for (const [key, row] of stock) {
    const sum = ledger.get(key) ?? {
      ...row,
      onHand: 0,
      reserved: 0,
      incoming: 0,
      damaged: 0,
      qualityControl: 0,
      safetyStock: 0,
    };
    if (COLUMNS.some((column) => row[column] !== sum[column])) {
      violations.push(
        stockViolation(
          2,
          row,
          `inventory on_hand/reserved/incoming/damaged/quality_control/safety_stock=${text(row)} ledger=${text(sum)}`,
        ),
      );
    }
  }
  for (const [key, sum] of ledger) {
    if (!stock.has(key))
      violations.push(stockViolation(2, sum, 'ledger rows but no inventory row'));
  }
  return violations;
}

export const stockLedger: Invariant = {
  number: 2,
  name: 'stock equals its ledger',
  heavy: true,
  full: async (query) => compare(await stockOf(query), await query(ALL_SUMS_SQL)),
  recent: async (query, scope) =>
    compare(
      await stockOf(query, scope.variantIds),
      await inBatches(scope.variantIds, (batch) => query(SOME_SUMS_SQL, [batch])),
    ),
};

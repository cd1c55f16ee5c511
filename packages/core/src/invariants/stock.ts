import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import type { InvariantViolation, Query } from './types';

/** The figures of a stock row that invariants 2–4 reconcile. */
export interface StockFigures {
  variantId: number;
  locationId: number;
  onHand: number;
  reserved: number;
  incoming: number;
  damaged: number;
  qualityControl: number;
  safetyStock: number;
}

/** A stock row's key in the maps here: `variant:location`. */
export const rowKey = (variantId: unknown, locationId: unknown) =>
  `${Number(variantId)}:${Number(locationId)}`;

const STOCK_SQL = `SELECT variant_id, location_id, on_hand, reserved, incoming, damaged,
  quality_control, safety_stock FROM inventory`;

export const figuresOf = (row: RowDataPacket): StockFigures => ({
  variantId: Number(row.variant_id),
  locationId: Number(row.location_id),
  onHand: Number(row.on_hand),
  reserved: Number(row.reserved),
  incoming: Number(row.incoming),
  damaged: Number(row.damaged),
  qualityControl: Number(row.quality_control),
  safetyStock: Number(row.safety_stock),
});

function byRow(rows: RowDataPacket[]): Map<string, StockFigures> {
  return new Map(rows.map((row) => [rowKey(row.variant_id, row.location_id), figuresOf(row)]));
}

/** Every stock row (full mode), or those of `variantIds` (recent mode). */
export async function stockOf(
  query: Query,
  variantIds?: readonly number[],
): Promise<Map<string, StockFigures>> {
  if (!variantIds) return byRow(await query(STOCK_SQL));
  return byRow(
    await inBatches(variantIds, (batch) => query(`${STOCK_SQL} WHERE variant_id IN (?)`, [batch])),
  );
}

/** `variant:location → number` from rows of (variant_id, location_id, `column`). */
export function sumsByRow(rows: RowDataPacket[], column: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const key = rowKey(row.variant_id, row.location_id);
    sums.set(key, (sums.get(key) ?? 0) + Number(row[column]));
  }
  return sums;
}

/** A violation about one stock row. */
export function stockViolation(
  invariant: number,
  row: { variantId: number; locationId: number },
  detail: string,
): InvariantViolation {
  return {
    invariant,
    entity: 'variant',
    entityId: row.variantId,
    detail: `at location ${row.locationId}: ${detail}`,
  };
}

/**
 * One violation per stock row whose `figure` differs from what `expected` says it should
 * be (absent from `expected` means zero: no open order line, no open restock).
 */
export function stockMismatches(
  invariant: number,
  stock: Map<string, StockFigures>,
  expected: Map<string, number>,
  figure: (stock: StockFigures) => number,
  detail: (actual: number, expected: number) => string,
): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  for (const [key, row] of stock) {
    const want = expected.get(key) ?? 0;
    if (figure(row) !== want)
      violations.push(stockViolation(invariant, row, detail(figure(row), want)));
  }
  return violations;
}

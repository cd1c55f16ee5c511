import type { RowDataPacket } from 'mysql2/promise';
import { inBatches } from './batches';
import type { InvariantViolation, Query } from './types';

/** The three figures of a stock row that invariants 2–4 reconcile. */
export interface StockFigures {
  onHand: number;
  reserved: number;
  incoming: number;
}

const STOCK_SQL = 'SELECT product_id, on_hand, reserved, incoming FROM inventory';

function byProduct(rows: RowDataPacket[]): Map<number, StockFigures> {
  return new Map(
    rows.map((row) => [
      Number(row.product_id),
      {
        onHand: Number(row.on_hand),
        reserved: Number(row.reserved),
        incoming: Number(row.incoming),
      },
    ]),
  );
}

/** Every stock row (full mode), or those of `productIds` (recent mode). */
export async function stockOf(
  query: Query,
  productIds?: readonly number[],
): Promise<Map<number, StockFigures>> {
  if (!productIds) return byProduct(await query(STOCK_SQL));
  return byProduct(
    await inBatches(productIds, (batch) => query(`${STOCK_SQL} WHERE product_id IN (?)`, [batch])),
  );
}

/** `product_id → number` from rows of (product_id, `column`). */
export function sumsByProduct(rows: RowDataPacket[], column: string): Map<number, number> {
  return new Map(rows.map((row) => [Number(row.product_id), Number(row[column])]));
}

/**
 * One violation per stock row whose `figure` differs from what `expected` says it should
 * be (absent from `expected` means zero: no open order line, no open restock).
 */
export function stockMismatches(
  invariant: number,
  stock: Map<number, StockFigures>,
  expected: Map<number, number>,
  figure: (stock: StockFigures) => number,
  detail: (actual: number, expected: number) => string,
): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  for (const [productId, row] of stock) {
    const want = expected.get(productId) ?? 0;
    if (figure(row) !== want) {
      violations.push({
        invariant,
        entity: 'product',
        entityId: productId,
        detail: detail(figure(row), want),
      });
    }
  }
  return violations;
}

import { DomainError } from '@stockpulse/shared';

/**
 * The most stock one variant may hold at one location and have on order together (on_hand + incoming).
 * Every stored sum over a row stays far inside INT's 2^31 − 1 with it: `restock_gap`
 * (on_hand − reserved + incoming − reorder_point) and the ledger's running totals. A
 * receipt moves units from incoming to on_hand and keeps the position; only an adjustment
 * and a restock raise it, and both are checked here before anything changes.
 */
export const MAX_STOCK_POSITION = 1_000_000_000;
/** The highest reorder point and the largest reorder quantity a product may be given. */
export const MAX_REORDER_POINT = 1_000_000;
export const MAX_REORDER_QUANTITY = 1_000_000;

export interface StockPosition {
  variantId: number;
  locationId: number;
  onHand: number;
  incoming: number;
}

/** Whether `row` plus the change stays within MAX_STOCK_POSITION. */
export function fitsStockPosition(row: StockPosition, more: number): boolean {
  return row.onHand + row.incoming + more <= MAX_STOCK_POSITION;
}

/**
 * Refuses (STOCK_LIMIT) a change that would take on_hand + incoming past the bound; `more`
 * is the units it adds to the position (a positive adjustment or a restock's quantity).
 */
export function checkStockPosition(row: StockPosition, more: number, what: string): void {
  if (fitsStockPosition(row, more)) return;
  const position = row.onHand + row.incoming;
  throw new DomainError(
    'STOCK_LIMIT',
    `A product holds and has on order at most ${MAX_STOCK_POSITION} units together; it has ${position} (${row.onHand} on hand, ${row.incoming} incoming), so ${what} of ${more} is too many (at most ${Math.max(0, MAX_STOCK_POSITION - position)})`,
    {
      variantId: row.variantId,
      locationId: row.locationId,
      onHand: row.onHand,
      incoming: row.incoming,
      change: more,
      max: MAX_STOCK_POSITION,
      largestChange: Math.max(0, MAX_STOCK_POSITION - position),
    },
  );
}

/** Refuses (STOCK_LIMIT) a reorder point or quantity outside its bounds. */
export function checkStockPolicy(policy: { reorderPoint: number; reorderQuantity: number }) {
  const { reorderPoint, reorderQuantity } = policy;
  const pointFits =
    Number.isSafeInteger(reorderPoint) && reorderPoint >= 0 && reorderPoint <= MAX_REORDER_POINT;
  const quantityFits =
    Number.isSafeInteger(reorderQuantity) &&
    reorderQuantity >= 1 &&
    reorderQuantity <= MAX_REORDER_QUANTITY;
  if (pointFits && quantityFits) return;
  throw new DomainError(
    'STOCK_LIMIT',
    `The reorder point must be a whole number from 0 to ${MAX_REORDER_POINT} and the reorder quantity from 1 to ${MAX_REORDER_QUANTITY}`,
    {
      reorderPoint,
      reorderQuantity,
      maxReorderPoint: MAX_REORDER_POINT,
      maxReorderQuantity: MAX_REORDER_QUANTITY,
    },
  );
}

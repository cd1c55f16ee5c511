/**
 * What an operator calls a stock problem, from what can be sold now: `out` when nothing is
 * available, `low` at or below the reorder point. Stock on order does not count: it is
 * right for deciding to reorder (the restock rule's `restockGap`) but a product sold out
 * while its restock travels is still sold out.
 */
export type StockAlert = 'out' | 'low';

export function stockAlert(row: { available: number; reorderPoint: number }): StockAlert | null {
  if (row.available <= 0) return 'out';
  if (row.available <= row.reorderPoint) return 'low';
  return null;
}

export const STOCK_ALERT_LABELS: Record<StockAlert, string> = { out: 'Out of stock', low: 'Low' };

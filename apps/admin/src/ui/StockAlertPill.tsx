import { STOCK_ALERT_LABELS, stockAlert } from '../lib/stock-alert';

/** "Out of stock" or "Low" for a stock row that needs attention; nothing otherwise. */
export function StockAlertPill({ row }: { row: { available: number; reorderPoint: number } }) {
  const alert = stockAlert(row);
  if (!alert) return null;
  return (
    <span className={`pill pill-stock-${alert}`} data-stock-alert={alert}>
      {STOCK_ALERT_LABELS[alert]}
    </span>
  );
}

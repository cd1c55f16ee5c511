/** At or below this many, a badge warns that few are left. */
export const LOW_STOCK_THRESHOLD = 5;

export type StockLevel = 'out' | 'low' | 'in';

export function stockLevel(available: number): StockLevel {
  if (available <= 0) return 'out';
  if (available <= LOW_STOCK_THRESHOLD) return 'low';
  return 'in';
}

/** "12 in stock", "Only 3 left", "Sold out". */
export function stockLabel(available: number): string {
  switch (stockLevel(available)) {
    case 'out':
      return 'Sold out';
    case 'low':
      return `Only ${available} left`;
    case 'in':
      return `${available} in stock`;
  }
}

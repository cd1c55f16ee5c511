import { describe, expect, it } from 'vitest';
import { stockAlert } from './stock-alert';

describe('stockAlert', () => {
  it('calls a product with nothing available out of stock, whatever is on order', () => {
    expect(stockAlert({ available: 0, reorderPoint: 10 })).toBe('out');
    expect(stockAlert({ available: 0, reorderPoint: 0 })).toBe('out');
  });

  it('calls it low at or below its reorder point, and fine above it', () => {
    expect(stockAlert({ available: 10, reorderPoint: 10 })).toBe('low');
    expect(stockAlert({ available: 3, reorderPoint: 10 })).toBe('low');
    expect(stockAlert({ available: 11, reorderPoint: 10 })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { LOW_STOCK_THRESHOLD, stockLabel, stockLevel } from './stock';

describe('stock badge wording', () => {
  it('says sold out at zero (and below, should a count ever dip)', () => {
    expect(stockLabel(0)).toBe('Sold out');
    expect(stockLabel(-1)).toBe('Sold out');
    expect(stockLevel(0)).toBe('out');
  });

  it('warns from the threshold down', () => {
    expect(stockLabel(1)).toBe('Only 1 left');
    expect(stockLabel(LOW_STOCK_THRESHOLD)).toBe(`Only ${LOW_STOCK_THRESHOLD} left`);
    expect(stockLevel(LOW_STOCK_THRESHOLD)).toBe('low');
  });

  it('gives the plain count above it', () => {
    expect(stockLabel(LOW_STOCK_THRESHOLD + 1)).toBe(`${LOW_STOCK_THRESHOLD + 1} in stock`);
    expect(stockLabel(12)).toBe('12 in stock');
    expect(stockLevel(12)).toBe('in');
  });
});

import { describe, expect, it } from 'vitest';
import { isOrderSort, sortFromTable, tableFromSort } from './order-sort';

describe('order sorting between React Table and the API', () => {
  it('maps a header click to the API sort', () => {
    expect(sortFromTable([])).toBe('newest');
    expect(sortFromTable([{ id: 'createdAt', desc: true }])).toBe('newest');
    expect(sortFromTable([{ id: 'createdAt', desc: false }])).toBe('oldest');
    expect(sortFromTable([{ id: 'totalCents', desc: true }])).toBe('total_desc');
    expect(sortFromTable([{ id: 'totalCents', desc: false }])).toBe('total_asc');
    // A column the API cannot sort by falls back to the default.
    expect(sortFromTable([{ id: 'customerName', desc: false }])).toBe('newest');
  });

  it('round-trips every API sort through the table state', () => {
    for (const sort of ['newest', 'oldest', 'total_desc', 'total_asc'] as const) {
      expect(sortFromTable(tableFromSort(sort))).toBe(sort);
    }
  });

  it('accepts only known sorts from the URL', () => {
    expect(isOrderSort('total_asc')).toBe(true);
    expect(isOrderSort('price')).toBe(false);
    expect(isOrderSort(null)).toBe(false);
  });
});

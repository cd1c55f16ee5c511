import { describe, expect, it } from 'vitest';
import { restockProgress } from './restock-progress';

describe('restockProgress', () => {
  const createdAt = new Date(0);
  const eta = new Date(10_000);

  it('is the share of the lead time gone, capped short of done until received', () => {
    expect(restockProgress({ createdAt, eta, status: 'in_transit' }, 2_500)).toBe(0.25);
    expect(restockProgress({ createdAt, eta, status: 'in_transit' }, 60_000)).toBe(0.95);
    expect(restockProgress({ createdAt, eta, status: 'received' }, 1_000)).toBe(1);
  });

  it('is zero before the supplier gives an ETA, and for a cancelled restock', () => {
    expect(restockProgress({ createdAt, eta: null, status: 'requested' }, 5_000)).toBe(0);
    expect(restockProgress({ createdAt, eta, status: 'cancelled' }, 5_000)).toBe(0);
  });
});

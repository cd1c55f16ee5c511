import { ORDER_STATUSES } from '@stockpulse/shared';
import { describe, expect, it } from 'vitest';
import { allowedActions } from './order-actions';

const targets = (status: Parameters<typeof allowedActions>[0]) =>
  allowedActions(status).map((action) => action.to);

describe('allowedActions', () => {
  it('offers exactly the moves the state machine allows an admin', () => {
    expect(targets('pending')).toEqual(['cancelled']);
    expect(targets('paid')).toEqual(['shipped', 'cancelled']);
    expect(targets('shipped')).toEqual(['delivered']);
    expect(targets('delivered')).toEqual([]);
    expect(targets('cancelled')).toEqual([]);
  });

  it('never offers `paid` (the processor confirms payments), from any status', () => {
    for (const status of ORDER_STATUSES) {
      expect(targets(status)).not.toContain('paid');
    }
  });

  it('asks for a reason only when cancelling', () => {
    for (const action of allowedActions('paid')) {
      expect(action.needsReason).toBe(action.to === 'cancelled');
    }
  });
});

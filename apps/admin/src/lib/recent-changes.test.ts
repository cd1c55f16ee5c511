import type { LiveOrderChange } from '@stockpulse/live';
import { describe, expect, it } from 'vitest';
import { recentChanges } from './recent-changes';

const change = (orderId: number, at: number, kind: LiveOrderChange['kind']): LiveOrderChange => ({
  orderId,
  at,
  kind,
  status: kind === 'created' ? 'pending' : 'paid',
});

describe('recentChanges', () => {
  it('keeps the newest change per order within the window, dropping older ones', () => {
    // Newest first, as useLiveOrders hands them out.
    const changes = [
      change(2, 9_000, 'updated'),
      change(1, 8_000, 'updated'),
      change(2, 7_000, 'created'),
      change(3, 1_000, 'created'),
    ];
    const recent = recentChanges(changes, 10_000, 5_000);
    expect([...recent.keys()]).toEqual([2, 1]);
    expect(recent.get(2)?.kind).toBe('updated');
  });

  it('is empty once everything is older than the window', () => {
    expect(recentChanges([change(1, 0, 'created')], 10_000, 5_000).size).toBe(0);
  });
});

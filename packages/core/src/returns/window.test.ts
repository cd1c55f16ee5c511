import { describe, expect, it } from 'vitest';
import { returnWindowEndsAt } from './window';

const at = (iso: string) => new Date(iso);

describe('returnWindowEndsAt', () => {
  it('ends the window the given days after the latest delivery', () => {
    const events = [
      { to: 'shipped' as const, at: at('2026-11-01T10:00:00Z') },
      { to: 'delivered' as const, at: at('2026-11-03T10:00:00Z') },
    ];
    expect(returnWindowEndsAt({ status: 'delivered', events }, 30)).toEqual(
      at('2026-12-03T10:00:00Z'),
    );
    expect(returnWindowEndsAt({ status: 'delivered', events }, 7)).toEqual(
      at('2026-11-10T10:00:00Z'),
    );
  });

  it('has no window before delivery', () => {
    expect(returnWindowEndsAt({ status: 'shipped', events: [] })).toBeNull();
  });
});

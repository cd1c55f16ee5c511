import { describe, expect, it } from 'vitest';
import { lineStatus, needsFix } from './line-status';

const product = (available: number) => ({ available, priceCents: 1_000 });

describe('lineStatus', () => {
  it('is loading until the live product is known', () => {
    expect(lineStatus(1, undefined)).toEqual({ kind: 'loading' });
  });

  it('flags a line the catalog no longer sells', () => {
    expect(lineStatus(1, undefined, { missing: true })).toEqual({ kind: 'unavailable' });
  });

  it('tells sold out, short and fine apart', () => {
    expect(lineStatus(2, product(0))).toEqual({ kind: 'soldOut' });
    expect(lineStatus(5, product(3))).toEqual({ kind: 'short', available: 3 });
    expect(lineStatus(3, product(3))).toEqual({ kind: 'ok' });
  });

  it('says whether the line can be ordered as it is', () => {
    expect(needsFix({ kind: 'short', available: 2 })).toBe(true);
    expect(needsFix({ kind: 'unavailable' })).toBe(true);
    expect(needsFix({ kind: 'loading' })).toBe(false);
    expect(needsFix({ kind: 'ok' })).toBe(false);
  });
});

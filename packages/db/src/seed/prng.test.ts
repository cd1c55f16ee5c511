import { describe, expect, it } from 'vitest';
import { Rng, UUID_DRAWS, ZipfSampler } from './prng';

describe('Rng', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    const a = new Rng(42, 'orders');
    const b = new Rng(42, 'orders');
    const draws = Array.from({ length: 100 }, () => a.uint32());
    expect(Array.from({ length: 100 }, () => b.uint32())).toEqual(draws);
  });

  it('gives different sequences to different seeds and to different streams', () => {
    const first = (rng: Rng) => Array.from({ length: 8 }, () => rng.uint32());
    const base = first(new Rng(42, 'orders'));
    expect(first(new Rng(43, 'orders'))).not.toEqual(base);
    expect(first(new Rng(42, 'catalog'))).not.toEqual(base);
  });

  it('draws integers within bounds, covering them all', () => {
    const rng = new Rng(1, 'int');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('makes version-4-shaped UUIDs', () => {
    const rng = new Rng(9, 'uuid');
    for (let i = 0; i < 50; i++) {
      expect(rng.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('skips a UUID’s draws exactly: the stream continues as if it had made one', () => {
    const made = new Rng(9, 'uuid');
    const skipped = new Rng(9, 'uuid');
    made.uuid();
    expect(skipped.skip(UUID_DRAWS)).toBe('');
    expect(skipped.uint32()).toBe(made.uint32());
  });
});

describe('ZipfSampler', () => {
  it('favours low ranks: rank 0 about twice as often as rank 1 with exponent 1', () => {
    const order = Int32Array.from([5, 3, 0, 1, 2, 4]);
    const sampler = new ZipfSampler(order, 1);
    const rng = new Rng(7, 'zipf');
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const item = sampler.sample(rng);
      counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    const top = counts.get(5)!;
    const second = counts.get(3)!;
    const last = counts.get(4)!;
    expect(top / second).toBeGreaterThan(1.8);
    expect(top / second).toBeLessThan(2.2);
    expect(top).toBeGreaterThan(5 * last);
    expect([...counts.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

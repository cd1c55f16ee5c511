import { describe, expect, it } from 'vitest';
import { chunk, WATCH_CHUNK, WatchRegistry } from './registry';

describe('WatchRegistry', () => {
  it('ref-counts ids across watchers and reports only first acquires and last releases', () => {
    const registry = new WatchRegistry();
    expect(registry.acquire([1, 2, 2, 3])).toEqual([1, 2, 3]);
    expect(registry.acquire([2, 3, 4])).toEqual([4]);
    expect(registry.count(2)).toBe(2);
    expect(registry.release([2, 3])).toEqual([]);
    expect(registry.ids()).toEqual([1, 2, 3, 4]);
    expect(registry.release([1, 2, 3])).toEqual([1, 2, 3]);
    expect(registry.ids()).toEqual([4]);
    expect(registry.release([4, 99])).toEqual([4]);
    expect(registry.size).toBe(0);
  });

  it('ignores ids that are not positive safe integers', () => {
    const registry = new WatchRegistry();
    expect(registry.acquire([0, -1, 1.5, Number.NaN, 2 ** 53, 7])).toEqual([7]);
    expect(registry.ids()).toEqual([7]);
  });

  it('diffs the wanted set against what the server holds', () => {
    const registry = new WatchRegistry();
    registry.acquire([1, 2, 3]);
    expect(registry.diff(new Set())).toEqual({ watch: [1, 2, 3], unwatch: [] });
    expect(registry.diff(new Set([2, 3, 9, 8]))).toEqual({ watch: [1], unwatch: [8, 9] });
    registry.release([1, 2, 3]);
    expect(registry.diff(new Set([1, 2, 3]))).toEqual({ watch: [], unwatch: [1, 2, 3] });
  });
});

describe('chunk', () => {
  it('splits into lists of at most 200 by default', () => {
    const ids = Array.from({ length: 450 }, (_, i) => i + 1);
    const parts = chunk(ids);
    expect(WATCH_CHUNK).toBe(200);
    expect(parts.map((part) => part.length)).toEqual([200, 200, 50]);
    expect(parts.flat()).toEqual(ids);
    expect(chunk([])).toEqual([]);
    expect(chunk([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

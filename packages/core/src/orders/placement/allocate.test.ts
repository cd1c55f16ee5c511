import { describe, expect, it } from 'vitest';
import { allocate, type LocationAvailable } from './allocate';

const at = (priority: number, locationId: number, available: number): LocationAvailable => ({
  locationId,
  priority,
  available,
});

describe('allocate', () => {
  it('takes the whole order from the first location by priority that can fill all of it', () => {
    const stock = new Map([
      [1, [at(1, 10, 5), at(2, 20, 9)]],
      [2, [at(1, 10, 0), at(2, 20, 4)]],
    ]);
    // Location 10 comes first but has none of variant 2: the order ships whole from 20.
    expect(
      allocate(
        [
          { variantId: 1, quantity: 3 },
          { variantId: 2, quantity: 1 },
        ],
        stock,
      ),
    ).toEqual([[{ locationId: 20, quantity: 3 }], [{ locationId: 20, quantity: 1 }]]);
  });

  it('orders locations by priority, then id, not by how much they hold', () => {
    const stock = new Map([[1, [at(5, 30, 100), at(1, 40, 2), at(1, 35, 2)]]]);
    expect(allocate([{ variantId: 1, quantity: 2 }], stock)).toEqual([
      [{ locationId: 35, quantity: 2 }],
    ]);
  });

  it('else fills each line from one location, by priority, when none can fill all', () => {
    const stock = new Map([
      [1, [at(1, 10, 5), at(2, 20, 0)]],
      [2, [at(1, 10, 0), at(2, 20, 4)]],
    ]);
    expect(
      allocate(
        [
          { variantId: 1, quantity: 5 },
          { variantId: 2, quantity: 4 },
        ],
        stock,
      ),
    ).toEqual([[{ locationId: 10, quantity: 5 }], [{ locationId: 20, quantity: 4 }]]);
  });

  it('else splits a line over locations by priority', () => {
    const stock = new Map([[1, [at(2, 20, 4), at(1, 10, 3), at(3, 30, 5)]]]);
    expect(allocate([{ variantId: 1, quantity: 9 }], stock)).toEqual([
      [
        { locationId: 10, quantity: 3 },
        { locationId: 20, quantity: 4 },
        { locationId: 30, quantity: 2 },
      ],
    ]);
  });

  it('answers null when a variant has too little over all locations', () => {
    const stock = new Map([
      [1, [at(1, 10, 3), at(2, 20, 3)]],
      [2, [at(1, 10, 1)]],
    ]);
    expect(
      allocate(
        [
          { variantId: 1, quantity: 6 },
          { variantId: 2, quantity: 2 },
        ],
        stock,
      ),
    ).toBeNull();
    expect(allocate([{ variantId: 3, quantity: 1 }], stock)).toBeNull();
  });

  it('never allocates more than a location has, nor from an empty one', () => {
    const stock = new Map([[1, [at(1, 10, 0), at(2, 20, 2), at(3, 30, 5)]]]);
    const [line] = allocate([{ variantId: 1, quantity: 6 }], stock)!;
    expect(line).toEqual([
      { locationId: 20, quantity: 2 },
      { locationId: 30, quantity: 4 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { allOpen, cancelledAmount, checkQuantities, locationsOf, type OpenLine } from './lines';

const tee: OpenLine = {
  orderDetailId: 11,
  name: 'Tee',
  variantTitle: 'M',
  sku: 'TEE-M',
  open: 5,
  openAt: [
    { locationId: 1, locationName: 'Main', quantity: 3 },
    { locationId: 2, locationName: 'East', quantity: 2 },
  ],
};
const mug: OpenLine = {
  orderDetailId: 12,
  name: 'Mug',
  variantTitle: '',
  sku: 'MUG',
  open: 1,
  openAt: [{ locationId: 1, locationName: 'Main', quantity: 1 }],
};
const typed = (entries: [number, string][]) => new Map(entries);

describe('checkQuantities', () => {
  it('sends the lines with units, blank and 0 meaning none', () => {
    const check = checkQuantities(
      [tee, mug],
      typed([
        [11, ' 4 '],
        [12, ''],
      ]),
    );
    expect(check).toEqual({
      lines: [{ orderDetailId: 11, quantity: 4 }],
      problems: new Map(),
      units: 4,
    });
    expect(checkQuantities([tee, mug], typed([[11, '0']])).units).toBe(0);
  });

  it('names each line asking for more than is open, or for something that is not a count', () => {
    const check = checkQuantities(
      [tee, mug],
      typed([
        [11, '6'],
        [12, '1.5'],
      ]),
    );
    expect(check.lines).toEqual([]);
    expect(check.problems).toEqual(
      new Map([
        [11, 'At most 5 are open'],
        [12, 'Enter a whole number'],
      ]),
    );
    expect(checkQuantities([tee], typed([[11, '-1']])).problems.get(11)).toBe(
      'Enter a whole number',
    );
  });

  it('counts only what is open at the chosen location', () => {
    expect(checkQuantities([tee, mug], typed([[11, '3']]), 2).problems.get(11)).toBe(
      'At most 2 are open',
    );
    expect(checkQuantities([tee, mug], typed([[12, '1']]), 2).problems.get(12)).toBe(
      'None open here',
    );
    expect(checkQuantities([tee], typed([[11, '3']]), 1).problems.size).toBe(0);
  });
});

describe('the dialogs’ defaults', () => {
  it('fills every open unit, all of them or those at a location', () => {
    expect(allOpen([tee, mug])).toEqual(
      typed([
        [11, '5'],
        [12, '1'],
      ]),
    );
    expect(allOpen([tee, mug], 2)).toEqual(
      typed([
        [11, '2'],
        [12, '0'],
      ]),
    );
  });

  it('lists each location once, by id', () => {
    expect(locationsOf([mug, tee])).toEqual([
      { id: 1, name: 'Main' },
      { id: 2, name: 'East' },
    ]);
  });

  it('prices a cancellation at the lines’ unit prices', () => {
    const prices = new Map([
      [11, 1999],
      [12, 500],
    ]);
    expect(
      cancelledAmount(
        [
          { orderDetailId: 11, quantity: 2 },
          { orderDetailId: 12, quantity: 1 },
        ],
        prices,
      ),
    ).toBe(4498);
  });
});

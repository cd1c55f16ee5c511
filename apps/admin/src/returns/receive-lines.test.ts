import { describe, expect, it } from 'vitest';
import { receiveDrafts, receiveLines } from './receive-lines';

const lines = [
  { orderDetailId: 1, name: 'Tee', quantity: 3, restockedQuantity: 1, damagedQuantity: 0 },
  { orderDetailId: 2, name: 'Mug', quantity: 1, restockedQuantity: 0, damagedQuantity: 1 },
];

describe('receiving a return', () => {
  it('expects back what has not come yet, all of it restocked by default', () => {
    expect(receiveDrafts(lines)).toEqual([
      { orderDetailId: 1, name: 'Tee', expected: 2, quantity: '2', disposition: 'restock' },
    ]);
  });

  it('sends each counted line with its disposition, and names a bad count', () => {
    const [tee] = receiveDrafts(lines);
    expect(receiveLines([{ ...tee!, disposition: 'damaged' }])).toEqual({
      lines: [{ orderDetailId: 1, quantity: 2, disposition: 'damaged' }],
      problems: new Map(),
    });
    expect(receiveLines([{ ...tee!, quantity: '3' }]).problems.get(1)).toBe(
      'At most 2 expected back',
    );
    expect(receiveLines([{ ...tee!, quantity: '1.5' }]).problems.get(1)).toBe(
      'Enter a whole number',
    );
    expect(receiveLines([{ ...tee!, quantity: '0' }]).lines).toEqual([]);
  });
});

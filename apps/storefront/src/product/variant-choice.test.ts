import { describe, expect, it } from 'vitest';
import { chooseValue, initialChoice, valueState, variantFor } from './variant-choice';

const options = [
  { name: 'Size', values: ['S', 'M'] },
  { name: 'Colour', values: ['Black', 'White'] },
];
const variants = [
  { id: 1, options: { Size: 'S', Colour: 'Black' }, available: 0 },
  { id: 2, options: { Size: 'S', Colour: 'White' }, available: 2 },
  { id: 3, options: { Size: 'M', Colour: 'Black' }, available: 5 },
];

describe('variant choice', () => {
  it('finds the variant of a full choice, and none for a combination not sold', () => {
    expect(variantFor(variants, options, { Size: 'M', Colour: 'Black' })?.id).toBe(3);
    expect(variantFor(variants, options, { Size: 'M', Colour: 'White' })).toBeUndefined();
  });

  it('says of each value whether it can be bought with the others chosen', () => {
    const choice = { Size: 'S', Colour: 'White' };
    expect(valueState(variants, options, choice, 'Colour', 'Black')).toBe('soldOut');
    expect(valueState(variants, options, choice, 'Size', 'M')).toBe('missing');
    expect(valueState(variants, options, { Size: 'M', Colour: 'Black' }, 'Size', 'S')).toBe(
      'soldOut',
    );
    expect(valueState(variants, options, choice, 'Colour', 'White')).toBe('available');
  });

  it('starts on the variant asked for, else the first in stock, else the first', () => {
    expect(initialChoice(variants, 1)).toEqual({ Size: 'S', Colour: 'Black' });
    expect(initialChoice(variants, null)).toEqual({ Size: 'S', Colour: 'White' });
    expect(initialChoice(variants.slice(0, 1), 99)).toEqual({ Size: 'S', Colour: 'Black' });
    expect(initialChoice([], null)).toBeNull();
  });

  it('moves the other options when the picked value is not sold with them', () => {
    const choice = { Size: 'S', Colour: 'White' };
    expect(chooseValue(variants, options, choice, 'Colour', 'Black')).toEqual({
      Size: 'S',
      Colour: 'Black',
    });
    expect(chooseValue(variants, options, choice, 'Size', 'M')).toEqual({
      Size: 'M',
      Colour: 'Black',
    });
  });
});

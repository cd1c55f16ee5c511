import { describe, expect, it } from 'vitest';
import {
  combinations,
  definedOptions,
  parseValues,
  suggestedSku,
  variantKey,
  variantsInput,
} from './variant-grid';

const sizeColour = [
  { name: 'Size', values: 'S, M' },
  { name: 'Colour', values: 'Red, Blue' },
];

describe('the variants grid of a new product', () => {
  it('reads comma-separated values, and ignores options with no name or no value', () => {
    expect(parseValues(' S, M ,, L, M ')).toEqual(['S', 'M', 'L']);
    expect(
      definedOptions([
        { name: ' Size ', values: 'S,M' },
        { name: '', values: 'x' },
        { name: 'Fit', values: ' , ' },
      ]),
    ).toEqual([{ name: 'Size', values: ['S', 'M'] }]);
  });

  it('makes one row per combination, the first option varying slowest', () => {
    const options = definedOptions(sizeColour);
    const combos = combinations(options);
    expect(combos.map((combo) => variantKey(options, combo))).toEqual([
      'S / Red',
      'S / Blue',
      'M / Red',
      'M / Blue',
    ]);
    expect(combinations([])).toEqual([]);
  });

  it('suggests SKUs from the product SKU and the values', () => {
    expect(suggestedSku('tee-1', ['M', 'Navy blue'])).toBe('TEE-1-M-NAVY-BLUE');
    expect(suggestedSku('', ['XL'])).toBe('XL');
  });

  it("sends each row's SKU, price and opening stock, an empty cell taking the suggestion", () => {
    const input = variantsInput(
      {
        options: [{ name: 'Size', values: 'S, M' }],
        rows: {
          S: { sku: '', price: '', stock: { 1: '5', 2: '' } },
          M: { sku: 'TEE-MED', price: '14', stock: { 1: '0', 2: '3' } },
        },
      },
      { sku: 'TEE', price: '12.50' },
      [1, 2],
    );
    expect(input).toEqual({
      options: [{ name: 'Size', values: ['S', 'M'] }],
      variants: [
        {
          sku: 'TEE-S',
          options: { Size: 'S' },
          priceCents: 1250,
          stock: [{ locationId: 1, quantity: 5 }],
        },
        {
          sku: 'TEE-MED',
          options: { Size: 'M' },
          priceCents: 1400,
          stock: [{ locationId: 2, quantity: 3 }],
        },
      ],
    });
  });

  it('sends what it cannot read as NaN for the server to name, and nothing without options', () => {
    const input = variantsInput(
      {
        options: [{ name: 'Size', values: 'S' }],
        rows: { S: { sku: '', price: 'x', stock: { 1: '2.5' } } },
      },
      { sku: 'TEE', price: '' },
      [1],
    );
    expect(input?.variants[0]?.priceCents).toBeNaN();
    expect(input?.variants[0]?.stock?.[0]?.quantity).toBeNaN();
    expect(variantsInput({ options: [], rows: {} }, { sku: 'TEE', price: '1' }, [1])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { placeOrderInput } from './orders';

const base = { idempotencyKey: 'checkout-1234' };

describe('placeOrderInput', () => {
  it('merges repeated products and sorts the lines by product id', () => {
    const parsed = placeOrderInput.parse({
      ...base,
      items: [
        { productId: 9, quantity: 1 },
        { productId: 2, quantity: 3 },
        { productId: 9, quantity: 4 },
      ],
    });
    expect(parsed.items).toEqual([
      { productId: 2, quantity: 3 },
      { productId: 9, quantity: 5 },
    ]);
  });

  it.each([
    ['no lines', { items: [] }],
    ['a zero quantity', { items: [{ productId: 1, quantity: 0 }] }],
    [
      'a merged quantity over 999',
      {
        items: [
          { productId: 1, quantity: 600 },
          { productId: 1, quantity: 400 },
        ],
      },
    ],
    [
      '51 different products',
      { items: Array.from({ length: 51 }, (_, i) => ({ productId: i + 1, quantity: 1 })) },
    ],
    ['a fractional quantity', { items: [{ productId: 1, quantity: 1.5 }] }],
    ['a negative product id', { items: [{ productId: -1, quantity: 1 }] }],
    ['an extra field', { items: [{ productId: 1, quantity: 1, price: 1 }] }],
  ])('rejects %s', (_name, input) => {
    expect(placeOrderInput.safeParse({ ...base, ...input }).success).toBe(false);
  });

  it('rejects a malformed idempotency key', () => {
    for (const idempotencyKey of ['short', 'has space in it', 'x'.repeat(65), 'colon:inside']) {
      expect(
        placeOrderInput.safeParse({ idempotencyKey, items: [{ productId: 1, quantity: 1 }] })
          .success,
      ).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  type Cart,
  type CartLine,
  cartCount,
  cartReducer,
  cartSubtotal,
  emptyCart,
  lineKey,
  MAX_LINE_QUANTITY,
  MAX_LINES,
  orderItem,
  parseStoredCart,
  serializeCart,
} from './cart';

const line = (productId: number, quantity = 1, priceCents = 1_000): CartLine => ({
  productId,
  quantity,
  name: `Product ${productId}`,
  sku: `SKU-${productId}`,
  priceCents,
  imageUrl: `/media/products/SKU-${productId}.svg`,
});

describe('cartReducer', () => {
  it('adds a new product as a line and merges a repeat into it', () => {
    let cart = cartReducer(emptyCart, { type: 'add', line: line(1, 2) });
    cart = cartReducer(cart, { type: 'add', line: line(2) });
    cart = cartReducer(cart, { type: 'add', line: line(1, 3) });
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([
      [1, 5],
      [2, 1],
    ]);
  });

  it('refreshes the snapshot (price, name) when the same product is added again', () => {
    let cart = cartReducer(emptyCart, { type: 'add', line: line(1, 1, 1_000) });
    cart = cartReducer(cart, { type: 'add', line: { ...line(1, 1, 1_200), name: 'Renamed' } });
    expect(cart.lines[0]).toMatchObject({ quantity: 2, priceCents: 1_200, name: 'Renamed' });
  });

  it('never holds more of one product than an order may', () => {
    let cart = cartReducer(emptyCart, { type: 'add', line: line(1, MAX_LINE_QUANTITY) });
    cart = cartReducer(cart, { type: 'add', line: line(1, 5) });
    expect(cart.lines[0]?.quantity).toBe(MAX_LINE_QUANTITY);
    cart = cartReducer(cart, { type: 'setQuantity', key: 'p1', quantity: 5_000 });
    expect(cart.lines[0]?.quantity).toBe(MAX_LINE_QUANTITY);
  });

  it('refuses a line past the most lines an order may hold', () => {
    let cart = emptyCart;
    for (let id = 1; id <= MAX_LINES + 3; id++) {
      cart = cartReducer(cart, { type: 'add', line: line(id) });
    }
    expect(cart.lines).toHaveLength(MAX_LINES);
  });

  it('sets a quantity, and removes the line when it reaches zero', () => {
    let cart: Cart = { lines: [line(1, 3), line(2, 1)] };
    cart = cartReducer(cart, { type: 'setQuantity', key: 'p1', quantity: 2 });
    expect(cart.lines[0]?.quantity).toBe(2);
    cart = cartReducer(cart, { type: 'setQuantity', key: 'p1', quantity: 0 });
    expect(cart.lines.map((l) => l.productId)).toEqual([2]);
  });

  it('keeps each variant of a product on its own line, and a line saved without one apart', () => {
    let cart = cartReducer(emptyCart, { type: 'add', line: { ...line(1, 1), variantId: 11 } });
    cart = cartReducer(cart, { type: 'add', line: { ...line(1, 2), variantId: 12 } });
    cart = cartReducer(cart, { type: 'add', line: { ...line(1, 1), variantId: 11 } });
    cart = cartReducer(cart, { type: 'add', line: line(1, 1) });
    expect(cart.lines.map((l) => [lineKey(l), l.quantity])).toEqual([
      ['v11', 2],
      ['v12', 2],
      ['p1', 1],
    ]);
    cart = cartReducer(cart, { type: 'setQuantity', key: 'v12', quantity: 5 });
    cart = cartReducer(cart, { type: 'remove', key: 'v11' });
    expect(cart.lines.map((l) => [lineKey(l), l.quantity])).toEqual([
      ['v12', 5],
      ['p1', 1],
    ]);
    expect(cart.lines.map(orderItem)).toEqual([
      { variantId: 12, quantity: 5 },
      { productId: 1, quantity: 1 },
    ]);
  });

  it('removes, clears and replaces', () => {
    const cart: Cart = { lines: [line(1), line(2)] };
    expect(cartReducer(cart, { type: 'remove', key: 'p1' }).lines).toEqual([line(2)]);
    expect(cartReducer(cart, { type: 'clear' })).toEqual(emptyCart);
    const other: Cart = { lines: [line(9)] };
    expect(cartReducer(cart, { type: 'replace', cart: other })).toBe(other);
  });
});

describe('cart totals', () => {
  const cart: Cart = { lines: [line(1, 2, 1_250), line(2, 1, 500)] };

  it('counts items, not lines', () => {
    expect(cartCount(cart)).toBe(3);
  });

  it('adds up at the live price when known, else at the price the shopper saw', () => {
    expect(cartSubtotal(cart)).toBe(3_000);
    expect(cartSubtotal(cart, (l) => (l.productId === 2 ? 700 : undefined))).toBe(3_200);
  });
});

describe('parseStoredCart', () => {
  it('round-trips what serializeCart wrote', () => {
    const cart: Cart = { lines: [line(1, 2), line(7, 1)] };
    expect(parseStoredCart(serializeCart(cart))).toEqual(cart);
  });

  it('starts empty from nothing, broken JSON or the wrong shape', () => {
    expect(parseStoredCart(null)).toEqual(emptyCart);
    expect(parseStoredCart('{not json')).toEqual(emptyCart);
    expect(parseStoredCart('[1,2,3]')).toEqual(emptyCart);
    expect(parseStoredCart('{"lines":"nope"}')).toEqual(emptyCart);
  });

  it('drops malformed lines, clamps quantities and merges repeats', () => {
    const stored = JSON.stringify({
      lines: [
        line(1, 2),
        { ...line(2), quantity: -4 },
        { ...line(3), productId: 'three' },
        { productId: 4, quantity: 1 },
        line(1, 1),
        { ...line(5), quantity: 10_000 },
      ],
    });
    expect(parseStoredCart(stored).lines.map((l) => [l.productId, l.quantity])).toEqual([
      [1, 3],
      [5, MAX_LINE_QUANTITY],
    ]);
  });
});

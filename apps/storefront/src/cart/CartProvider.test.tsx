// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CartProvider, useCart } from './CartProvider';
import { CART_STORAGE_KEY, type CartLine, cartCount, serializeCart } from './cart';

const lamp: CartLine = {
  productId: 7,
  quantity: 1,
  name: 'Lamp',
  sku: 'LAMP',
  priceCents: 2_000,
  imageUrl: '/media/products/LAMP.svg',
};

function CartProbe() {
  const { cart, add, setQuantity } = useCart();
  return (
    <div>
      <output aria-label="count">{cartCount(cart)}</output>
      <button type="button" onClick={() => add(lamp)}>
        add lamp
      </button>
      <button type="button" onClick={() => setQuantity('p7', 5)}>
        five lamps
      </button>
    </div>
  );
}

const count = () => screen.getByRole('status', { name: 'count' }).textContent;

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('CartProvider', () => {
  it('saves every change to localStorage', async () => {
    render(
      <CartProvider>
        <CartProbe />
      </CartProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'add lamp' }));
    await userEvent.click(screen.getByRole('button', { name: 'five lamps' }));
    expect(count()).toBe('5');
    expect(JSON.parse(localStorage.getItem(CART_STORAGE_KEY) ?? '{}')).toEqual({
      lines: [{ ...lamp, quantity: 5 }],
    });
  });

  it('starts from what was saved: the cart survives a reload', () => {
    localStorage.setItem(CART_STORAGE_KEY, serializeCart({ lines: [{ ...lamp, quantity: 3 }] }));
    render(
      <CartProvider>
        <CartProbe />
      </CartProvider>,
    );
    expect(count()).toBe('3');
  });

  it('follows a change made in another tab', () => {
    render(
      <CartProvider>
        <CartProbe />
      </CartProvider>,
    );
    expect(count()).toBe('0');
    const newValue = serializeCart({ lines: [{ ...lamp, quantity: 4 }] });
    act(() => {
      window.dispatchEvent(
        new StorageEvent('storage', { key: CART_STORAGE_KEY, newValue, storageArea: localStorage }),
      );
    });
    expect(count()).toBe('4');
  });
});

// @vitest-environment jsdom
import { createLiveClient, LiveProvider } from '@stockpulse/live';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CartProvider } from '../cart/CartProvider';
import { CART_STORAGE_KEY, serializeCart } from '../cart/cart';

const api = vi.hoisted(
  () => ({}) as ReturnType<typeof import('../testing/fake-api').createFakeApi>,
);
vi.mock('../trpc', async () => {
  const { createFakeApi: create } = await import('../testing/fake-api');
  Object.assign(api, create());
  return { trpc: api.trpc, queryClient: api.queryClient };
});
vi.mock('../ui/toast', () => ({
  toast: Object.assign(() => undefined, { success: () => undefined }),
}));

const { ProductPage } = await import('./ProductPage');

const lamp = {
  id: 3,
  sku: 'LAMP',
  name: 'Desk lamp',
  category: 'Lighting',
  categoryId: 4,
  priceCents: 4_500,
  imageUrl: '/media/products/LAMP.svg',
  description: 'A lamp for a desk.',
  available: 4,
  active: true,
};

function renderProduct() {
  const router = createMemoryRouter([{ path: '/products/:id', Component: ProductPage }], {
    initialEntries: ['/products/3'],
  });
  render(
    <QueryClientProvider client={api.queryClient}>
      <LiveProvider client={createLiveClient({ autoConnect: false })}>
        <CartProvider>
          <RouterProvider router={router} />
        </CartProvider>
      </LiveProvider>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  localStorage.clear();
  api.queryClient.clear();
  api.handlers.set('catalog.byId', () => lamp);
});
afterEach(cleanup);

describe('ProductPage', () => {
  it('bounds the quantity by what is left minus what is already in the cart', async () => {
    localStorage.setItem(
      CART_STORAGE_KEY,
      serializeCart({
        lines: [
          {
            productId: 3,
            quantity: 1,
            name: 'Desk lamp',
            sku: 'LAMP',
            priceCents: 4_500,
            imageUrl: '',
          },
        ],
      }),
    );
    renderProduct();
    await screen.findByRole('heading', { name: 'Desk lamp' });
    expect(screen.getByText('Only 4 left')).toBeTruthy();
    expect(screen.getByText('1 in your cart')).toBeTruthy();
    const more = screen.getByRole('button', { name: 'Increase quantity' });
    await userEvent.click(more);
    await userEvent.click(more);
    expect(screen.getByRole('spinbutton', { name: 'Quantity' })).toHaveProperty('value', '3');
    expect(more).toHaveProperty('disabled', true);
  });

  it('shrinks the picked quantity when live stock drops under it, and stops at sold out', async () => {
    renderProduct();
    await screen.findByRole('heading', { name: 'Desk lamp' });
    const more = screen.getByRole('button', { name: 'Increase quantity' });
    await userEvent.click(more);
    await userEvent.click(more);
    expect(screen.getByRole('spinbutton', { name: 'Quantity' })).toHaveProperty('value', '3');

    // What the live client does on `inventory:changed`: patch the cached product.
    const key = api.trpc.catalog.byId.queryKey({ id: 3 });
    act(() => api.queryClient.setQueryData(key, { ...lamp, available: 2 }));
    await waitFor(() =>
      expect(screen.getByRole('spinbutton', { name: 'Quantity' })).toHaveProperty('value', '2'),
    );
    act(() => api.queryClient.setQueryData(key, { ...lamp, available: 0 }));
    expect(await screen.findAllByText('Sold out')).toHaveLength(2); // badge and button
    expect(screen.getByRole('button', { name: 'Sold out' })).toHaveProperty('disabled', true);
  });

  it('says an archived product is no longer available and disables add-to-cart', async () => {
    renderProduct();
    await screen.findByRole('heading', { name: 'Desk lamp' });
    // What the live client does on `product:updated` with active false.
    const key = api.trpc.catalog.byId.queryKey({ id: 3 });
    act(() => api.queryClient.setQueryData(key, { ...lamp, active: false }));
    expect((await screen.findByRole('status')).textContent).toMatch(/no longer available/);
    expect(screen.getByRole('button', { name: /No longer sold/ })).toHaveProperty('disabled', true);
  });
});

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
  priceCents: 4_500,
  imageUrl: '/media/products/LAMP.svg',
  image: null,
  images: [],
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

  it('shows the photos with srcset, sizes and their alt text, a thumbnail choosing another', async () => {
    const photo = (id: number, alt: string) => ({
      id,
      alt,
      src: `/media/product-images/3/h${id}-640.webp`,
      srcSet: `/media/product-images/3/h${id}-320.webp 320w, /media/product-images/3/h${id}-640.webp 640w`,
      width: 640,
      height: 480,
    });
    const images = [photo(1, 'The lamp, lit'), photo(2, 'The lamp, folded')];
    api.handlers.set('catalog.byId', () => ({ ...lamp, images, image: images[0] }));
    renderProduct();
    const main = await screen.findByRole('img', { name: 'The lamp, lit' });
    expect(main.getAttribute('srcset')).toBe(images[0]!.srcSet);
    expect(main.getAttribute('sizes')).toBe('(max-width: 760px) 100vw, 600px');
    expect(main.getAttribute('src')).toBe(images[0]!.src);

    await userEvent.click(screen.getByRole('button', { name: 'Photo 2 of 2: The lamp, folded' }));
    const second = screen.getByRole('img', { name: 'The lamp, folded' });
    expect(second.getAttribute('srcset')).toBe(images[1]!.srcSet);
    expect(screen.queryByRole('img', { name: 'The lamp, lit' })).toBeNull();
  });
});

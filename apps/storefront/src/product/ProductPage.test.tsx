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

/** A simple product: its one variant holds all of its stock. */
const withStock = (available: number) => ({
  id: 3,
  sku: 'LAMP',
  name: 'Desk lamp',
  category: 'Lighting',
  categoryId: 4,
  priceCents: 4_500,
  imageUrl: '/media/products/LAMP.svg',
  image: null,
  images: [],
  description: 'A lamp for a desk.',
  available,
  variantCount: 1,
  firstVariantId: 30,
  active: true,
  options: [],
  variants: [{ id: 30, sku: 'LAMP', options: {}, title: '', priceCents: 4_500, available }],
});
const lamp = withStock(4);

/** A product in two options, one combination sold out and one not sold at all. */
const tee = {
  ...withStock(7),
  id: 3,
  sku: 'TEE-S-B',
  name: 'Cotton tee',
  priceCents: 2_000,
  variantCount: 3,
  firstVariantId: 31,
  options: [
    { name: 'Size', values: ['S', 'M'] },
    { name: 'Colour', values: ['Black', 'White'] },
  ],
  variants: [
    {
      id: 31,
      sku: 'TEE-S-B',
      options: { Size: 'S', Colour: 'Black' },
      title: 'S / Black',
      priceCents: 2_000,
      available: 0,
    },
    {
      id: 32,
      sku: 'TEE-S-W',
      options: { Size: 'S', Colour: 'White' },
      title: 'S / White',
      priceCents: 2_000,
      available: 3,
    },
    {
      id: 33,
      sku: 'TEE-M-B',
      options: { Size: 'M', Colour: 'Black' },
      title: 'M / Black',
      priceCents: 2_200,
      available: 4,
    },
  ],
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
    act(() => api.queryClient.setQueryData(key, withStock(2)));
    await waitFor(() =>
      expect(screen.getByRole('spinbutton', { name: 'Quantity' })).toHaveProperty('value', '2'),
    );
    act(() => api.queryClient.setQueryData(key, withStock(0)));
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

  it('picks a variant by its options: starts on one in stock, strikes sold-out ones, prices and adds the one picked', async () => {
    api.handlers.set('catalog.byId', () => tee);
    renderProduct();
    await screen.findByRole('heading', { name: 'Cotton tee' });
    // S / Black is sold out, so the page starts on the first that is not: S / White.
    expect(screen.getByRole('button', { name: 'Colour White' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByRole('button', { name: 'Colour Black, sold out' })).toBeTruthy();
    expect(screen.getByText('Only 3 left')).toBeTruthy();
    // M / White is not sold: choosing M moves the colour to the M that is, Black.
    await userEvent.click(
      screen.getByRole('button', { name: 'Size M, not with the other choices' }),
    );
    expect(screen.getByRole('button', { name: 'Colour Black' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(
      screen.getByRole('button', { name: 'Colour White, not with the other choices' }),
    ).toBeTruthy();
    expect(screen.getByText('$22.00')).toBeTruthy();
    expect(screen.getByText('SKU TEE-M-B')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /Add to cart/ }));
    const saved = JSON.parse(localStorage.getItem(CART_STORAGE_KEY) ?? '{}');
    expect(saved.lines).toEqual([
      expect.objectContaining({
        productId: 3,
        variantId: 33,
        variantTitle: 'M / Black',
        priceCents: 2_200,
      }),
    ]);
    // A live change to that variant moves its count.
    const key = api.trpc.catalog.byId.queryKey({ id: 3 });
    act(() =>
      api.queryClient.setQueryData(key, {
        ...tee,
        variants: tee.variants.map((v) => (v.id === 33 ? { ...v, available: 2 } : v)),
      }),
    );
    expect(await screen.findByText('Only 2 left')).toBeTruthy();
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

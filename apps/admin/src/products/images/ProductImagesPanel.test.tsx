// @vitest-environment jsdom
import type { ProductPhoto } from '@stockpulse/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../testing/fake-api';
import { queryClient } from '../../trpc';
import { ProductImagesPanel } from './ProductImagesPanel';

const photo = (id: number, alt = `Lamp ${id}`): ProductPhoto => ({
  id,
  alt,
  src: `/media/product-images/9/h${id}-640.webp`,
  srcSet: `/media/product-images/9/h${id}-320.webp 320w, /media/product-images/9/h${id}-640.webp 640w`,
  width: 640,
  height: 480,
});

afterEach(() => {
  cleanup();
  queryClient.clear();
  vi.unstubAllGlobals();
});

/** The fake tRPC server, and `POST /admin/products/9/images` answered by `upload`. */
function stubWithUploads(upload: (file: File) => Response) {
  const api = stubApi();
  const trpcFetch = globalThis.fetch;
  const uploads: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (!String(url).startsWith('/admin/products/')) return trpcFetch(url, init);
      expect(url).toBe('/admin/products/9/images');
      const file = (init!.body as FormData).get('file') as File;
      uploads.push(file.name);
      return upload(file);
    }),
  );
  return { api, uploads };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function renderPanel() {
  render(
    <QueryClientProvider client={queryClient}>
      <ProductImagesPanel productId={9} productName="Desk lamp" />
    </QueryClientProvider>,
  );
}

const thumbnails = () =>
  within(document.querySelector('.image-list') as HTMLElement)
    .getAllByRole('img')
    .map((img) => img.getAttribute('alt'));

describe('the product photos panel', () => {
  it('shows the photos in order with srcset and alt text, and moves one down', async () => {
    const { api } = stubWithUploads(() => json(500, {}));
    api.on('admin.images.list', () => ({ data: [photo(1), photo(2), photo(3)] }));
    const reorders: unknown[] = [];
    api.on('admin.images.reorder', (input) => {
      reorders.push(input);
      return { data: [photo(2), photo(1), photo(3)] };
    });
    renderPanel();
    const first = await screen.findByRole('img', { name: 'Lamp 1' });
    expect(first.getAttribute('srcset')).toBe(photo(1).srcSet);
    expect(thumbnails()).toEqual(['Lamp 1', 'Lamp 2', 'Lamp 3']);
    expect(screen.getByRole('button', { name: 'Move photo 1 up' })).toHaveProperty(
      'disabled',
      true,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Move photo 1 down' }));
    expect(reorders).toEqual([{ productId: 9, imageIds: [2, 1, 3] }]);
    await waitFor(() => expect(thumbnails()).toEqual(['Lamp 2', 'Lamp 1', 'Lamp 3']));
  });

  it('uploads several files one by one, listing each refusal by file name', async () => {
    const { api, uploads } = stubWithUploads((file) =>
      file.name === 'logo.svg'
        ? json(415, {
            error: 'SVG files are not taken: upload JPEG, PNG, WebP, GIF, AVIF or TIFF',
            cause: 'IMAGE_UNSUPPORTED',
          })
        : json(201, { id: 5, created: true, images: [photo(5, 'Desk lamp')] }),
    );
    api.on('admin.images.list', () => ({ data: [] }));
    renderPanel();
    expect(await screen.findByText(/No photos yet/)).toBeTruthy();

    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.jpg', {
      type: 'image/jpeg',
    });
    // A picker set to "All files" lets any file through `accept`.
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(screen.getByLabelText('Upload photos'), [
      new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' }),
      new File([new Uint8Array([1, 2, 3])], 'lamp.jpg', { type: 'image/jpeg' }),
      big,
    ]);
    const alert = await screen.findByRole('alert');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'logo.svg: SVG files are not taken: upload JPEG, PNG, WebP, GIF, AVIF or TIFF',
      'huge.jpg: The file is larger than the 10 MB limit',
    ]);
    // The one too large never left the browser.
    expect(uploads).toEqual(['logo.svg', 'lamp.jpg']);
    expect(await screen.findByRole('img', { name: 'Desk lamp' })).toBeTruthy();
  });

  it('saves alt text and deletes a photo, showing a refusal in place', async () => {
    const { api } = stubWithUploads(() => json(500, {}));
    api.on('admin.images.list', () => ({ data: [photo(1), photo(2)] }));
    const updates: unknown[] = [];
    api.on('admin.images.update', (input) => {
      updates.push(input);
      return { data: [photo(1, 'Lit, on a desk'), photo(2)] };
    });
    api.on('admin.images.remove', () => ({
      error: { code: 'NOT_FOUND', httpStatus: 404, message: 'Image 2 not found' },
    }));
    renderPanel();
    const alt = await screen.findByLabelText('Alt text of photo 1');
    await userEvent.clear(alt);
    await userEvent.type(alt, 'Lit, on a desk');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(updates).toEqual([{ id: 1, alt: 'Lit, on a desk' }]);
    expect(await screen.findByRole('img', { name: 'Lit, on a desk' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Delete photo 2' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Image 2 not found');
  });
});

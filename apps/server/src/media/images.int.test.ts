import type { AppRouter } from '@stockpulse/api';
import { createSession, SESSION_COOKIE } from '@stockpulse/core';
import { openWorld, type World } from '@stockpulse/core/testing';
import { schema } from '@stockpulse/db';
import type { ProductPhoto } from '@stockpulse/shared';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { desc, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import sharp from 'sharp';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '@stockpulse/devstack';
import { type RunningServer, startTestServer } from '../testing';
import { IMMUTABLE } from './files';
import { imageUploadPath } from './upload';

/** A picture made here: a gradient, so the encoders have something to encode. */
const picture = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } },
  }).composite([
    {
      input: Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 3}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#123"/></svg>`,
      ),
    },
  ]);

interface UploadAnswer {
  id: number;
  created: boolean;
  images: ProductPhoto[];
}

describe('product photos: upload, serve, order, alt text, delete', () => {
  let world: World;
  let redis: Redis;
  let server: RunningServer;
  let adminCookie: string;
  let customerCookie: string;

  const cookieFor = async (role: 'admin' | 'customer') => {
    const user = await world.addCustomer({ role });
    const { token } = await createSession(world.db, user.id);
    return `${SESSION_COOKIE}=${token}`;
  };
  const client = (cookie?: string) =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${server.url}/trpc`,
          transformer: superjson,
          headers: cookie ? { cookie } : {},
        }),
      ],
    });
  const upload = (
    productId: number,
    file: { bytes: Buffer; name: string; type: string },
    options: { cookie?: string | undefined; alt?: string } = {},
  ) => {
    const form = new FormData();
    if (options.alt !== undefined) form.append('alt', options.alt);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const cookie = 'cookie' in options ? options.cookie : adminCookie;
    return fetch(`${server.url}${imageUploadPath(productId)}`, {
      method: 'POST',
      body: form,
      headers: cookie ? { cookie } : {},
    });
  };
  const png = async (width: number, height: number) => ({
    bytes: await picture(width, height).png().toBuffer(),
    name: 'photo.png',
    type: 'image/png',
  });
  const imageCount = async (productId: number) =>
    (
      await world.db
        .select({ id: schema.productImages.id })
        .from(schema.productImages)
        .where(eq(schema.productImages.productId, productId))
    ).length;
  const lastProductEvent = async (productId: number) => {
    const rows = await world.db
      .select({ payload: schema.outbox.payload })
      .from(schema.outbox)
      .where(eq(schema.outbox.topic, 'product:updated'))
      .orderBy(desc(schema.outbox.id))
      .limit(50);
    return rows
      .map(
        (row) =>
          JSON.parse(row.payload) as {
            productId: number;
            images: ProductPhoto[];
            imageUrl: string;
          },
      )
      .find((event) => event.productId === productId);
  };

  beforeAll(async () => {
    world = openWorld(inject('databaseUrl'), { connectionLimit: 4 });
    redis = new Redis(inject('redisUrl'), { lazyConnect: true });
    server = await startTestServer({ db: world.db, redis });
    adminCookie = await cookieFor('admin');
    customerCookie = await cookieFor('customer');
  });
  afterAll(async () => {
    await server?.close();
    redis?.disconnect();
    await world?.close();
  });

  it('stores an upload as WebP at 320, 640 and 1280 wide, served with a year-long immutable cache', async () => {
    const productId = await world.addProduct({ name: 'Oak Stool' });
    const response = await upload(productId, await png(1600, 900));
    expect(response.status).toBe(201);
    const answer = (await response.json()) as UploadAnswer;
    expect(answer.created).toBe(true);
    expect(answer.images).toHaveLength(1);
    const [photo] = answer.images as [ProductPhoto];
    expect(photo).toMatchObject({ id: answer.id, alt: 'Oak Stool', width: 1280, height: 720 });
    const urls = photo.srcSet.split(', ').map((entry) => entry.split(' '));
    expect(urls.map(([, w]) => w)).toEqual(['320w', '640w', '1280w']);
    expect(photo.src).toBe(urls[1]![0]);

    for (const [url, w] of urls) {
      const file = await fetch(`${server.url}${url}`);
      expect(file.status, url).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/webp');
      expect(file.headers.get('cache-control')).toBe(IMMUTABLE);
      const metadata = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
      expect(metadata.format).toBe('webp');
      expect(`${metadata.width}w`).toBe(w);
    }
  });

  it('turns a photo upright by its EXIF orientation and strips EXIF, never upscaling', async () => {
    const productId = await world.addProduct();
    const bytes = await picture(400, 200)
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Secret Studio', Artist: 'Jo Private' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const uploaded = await sharp(bytes).metadata();
    expect(uploaded.orientation).toBe(6);
    expect(uploaded.exif?.toString('latin1')).toContain('Secret Studio');

    const response = await upload(productId, { bytes, name: 'side.jpg', type: 'image/jpeg' });
    expect(response.status).toBe(201);
    const [photo] = ((await response.json()) as UploadAnswer).images as [ProductPhoto];
    // 400×200 turned a quarter: 200 wide, so one file of its own width (no 320, no 640).
    expect(photo).toMatchObject({ width: 200, height: 400 });
    expect(photo.srcSet).toBe(`${photo.src} 200w`);
    const served = Buffer.from(await (await fetch(`${server.url}${photo.src}`)).arrayBuffer());
    const metadata = await sharp(served).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 200, height: 400 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(served.toString('latin1')).not.toContain('Secret Studio');
  });

  it('answers the same image when the same file is uploaded again', async () => {
    const productId = await world.addProduct();
    const file = await png(300, 300);
    const first = (await (await upload(productId, file)).json()) as UploadAnswer;
    const again = await upload(productId, file);
    expect(again.status).toBe(200);
    const answer = (await again.json()) as UploadAnswer;
    expect(answer).toMatchObject({ id: first.id, created: false });
    expect(await imageCount(productId)).toBe(1);
  });

  it('refuses a file past 10 MB with 413 naming the limit, storing nothing', async () => {
    const productId = await world.addProduct();
    const bytes = Buffer.alloc(10 * 1024 * 1024 + 1, 7);
    const response = await upload(productId, { bytes, name: 'huge.png', type: 'image/png' });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: 'The file is larger than the 10 MB limit',
      cause: 'IMAGE_TOO_LARGE',
    });
    expect(await imageCount(productId)).toBe(0);

    // Exactly 10 MB passes the size check (and is then read as what it is: no picture).
    const atLimit = await upload(productId, {
      bytes: Buffer.alloc(10 * 1024 * 1024, 7),
      name: 'big.png',
      type: 'image/png',
    });
    expect(atLimit.status).toBe(415);
  });

  it('refuses what is not a picture, an SVG and a damaged file with 415 and a sentence', async () => {
    const productId = await world.addProduct();
    const text = await upload(productId, {
      bytes: Buffer.from('name,price\nlamp,12\n'),
      name: 'prices.png',
      type: 'image/png',
    });
    expect(text.status).toBe(415);
    expect(await text.json()).toEqual({
      error: 'The file is not a picture (JPEG, PNG, WebP, GIF, AVIF or TIFF)',
      cause: 'IMAGE_UNSUPPORTED',
    });

    const svg = await upload(productId, {
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      name: 'logo.svg',
      type: 'image/svg+xml',
    });
    expect(svg.status).toBe(415);
    expect(await svg.json()).toMatchObject({
      cause: 'IMAGE_UNSUPPORTED',
      error: expect.stringMatching(/^SVG files are not taken/),
    });

    const whole = (await png(800, 600)).bytes;
    const damaged = await upload(productId, {
      bytes: whole.subarray(0, 200),
      name: 'cut.png',
      type: 'image/png',
    });
    expect(damaged.status).toBe(415);
    expect(await damaged.json()).toMatchObject({ cause: 'IMAGE_UNSUPPORTED' });

    const notMultipart = await fetch(`${server.url}${imageUploadPath(productId)}`, {
      method: 'POST',
      headers: { cookie: adminCookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(notMultipart.status).toBe(415);
    expect(await imageCount(productId)).toBe(0);
  });

  it('refuses customers (403) and anyone signed out (401), as every admin route does', async () => {
    const productId = await world.addProduct();
    const file = await png(100, 100);
    const asCustomer = await upload(productId, file, { cookie: customerCookie });
    expect(asCustomer.status).toBe(403);
    expect(await asCustomer.json()).toEqual({ error: 'For admins only', cause: 'FORBIDDEN' });
    const signedOut = await upload(productId, file, { cookie: undefined });
    expect(signedOut.status).toBe(401);
    expect(await imageCount(productId)).toBe(0);

    await expect(
      client(customerCookie).admin.images.list.query({ productId }),
    ).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await expect(client().admin.images.list.query({ productId })).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });

  it('answers 404 for an unknown product, and for media keys with no file or not keys at all', async () => {
    const missing = await upload(2 ** 40, await png(50, 50));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ cause: 'NOT_FOUND' });
    for (const path of [
      '/media/product-images/1/nothing-640.webp',
      '/media/..%2F..%2Fpackage.json',
      '/media/product-images/1/x.exe',
    ]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
  });

  it('reorders, sets alt text and deletes through admin.images, each telling open pages', async () => {
    const productId = await world.addProduct({ name: 'Linen Throw' });
    const ids: number[] = [];
    for (const width of [500, 600, 700]) {
      ids.push(
        ((await (await upload(productId, await png(width, 400))).json()) as UploadAnswer).id,
      );
    }
    const admin = client(adminCookie);
    expect((await admin.admin.images.list.query({ productId })).map((p) => p.id)).toEqual(ids);

    // The catalog: lists carry the first photo only, the product page every photo.
    const shop = client();
    const page = await shop.catalog.byId.query({ id: productId });
    expect(page.images.map((p) => p.id)).toEqual(ids);
    expect(page.image?.id).toBe(ids[0]);
    expect(page.imageUrl).toBe(page.images[0]!.src);
    const listed = await shop.catalog.list.query({ search: 'Linen Throw', limit: 100 });
    const card = listed.items.find((item) => item.id === productId)!;
    expect(card.image?.id).toBe(ids[0]);
    expect(card).not.toHaveProperty('images');
    expect((await admin.admin.products.byId.query({ id: productId })).images).toHaveLength(3);

    const reordered = await admin.admin.images.reorder.mutate({
      productId,
      imageIds: [ids[2]!, ids[0]!, ids[1]!],
    });
    expect(reordered.map((p) => p.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect((await lastProductEvent(productId))?.images.map((p) => p.id)).toEqual([
      ids[2],
      ids[0],
      ids[1],
    ]);
    expect((await shop.catalog.byId.query({ id: productId })).image?.id).toBe(ids[2]);

    const stale = await admin.admin.images.reorder
      .mutate({ productId, imageIds: [ids[0]!, ids[1]!] })
      .catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(TRPCClientError);
    expect((stale as TRPCClientError<AppRouter>).data).toMatchObject({ cause: 'IMAGES_CHANGED' });

    const withAlt = await admin.admin.images.update.mutate({
      id: ids[0]!,
      alt: '  Folded, on a chair ',
    });
    expect(withAlt.find((p) => p.id === ids[0])?.alt).toBe('Folded, on a chair');
    expect((await lastProductEvent(productId))?.images[1]?.alt).toBe('Folded, on a chair');

    const first = reordered[0]!;
    const remaining = await admin.admin.images.remove.mutate({ id: ids[2]! });
    expect(remaining.map((p) => p.id)).toEqual([ids[0], ids[1]]);
    const positions = await world.db
      .select({ position: schema.productImages.position })
      .from(schema.productImages)
      .where(eq(schema.productImages.productId, productId))
      .orderBy(schema.productImages.position);
    expect(positions.map((row) => row.position)).toEqual([0, 1]);
    for (const entry of first.srcSet.split(', ')) {
      const url = entry.split(' ')[0]!;
      expect((await fetch(`${server.url}${url}`)).status, url).toBe(404);
    }
    const event = await lastProductEvent(productId);
    expect(event?.images.map((p) => p.id)).toEqual([ids[0], ids[1]]);
    expect(event?.imageUrl).toBe(remaining[0]!.src);

    await expect(admin.admin.images.remove.mutate({ id: ids[2]! })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
  });
});

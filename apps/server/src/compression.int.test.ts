import { randomBytes } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { testCategory } from '@stockpulse/core/testing';
import { products } from '@stockpulse/db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { COMPRESS_THRESHOLD_BYTES } from './compression';
import { rawRequest, type ServerOnRunDatabase, startServerOnRunDatabase } from './testing';

describe('compressing API answers', () => {
  const category = `Zip ${randomBytes(3).toString('hex')}`;
  let running: ServerOnRunDatabase;

  beforeAll(async () => {
    running = await startServerOnRunDatabase(async (database) => {
      const categoryId = await testCategory(database.db, category);
      await database.db.insert(products).values(
        Array.from({ length: 30 }, (_, i) => ({
          sku: `${category.replace(' ', '-')}-${i}`,
          name: `Compressible thing number ${i}`,
          description: '',
          category,
          categoryId,
          priceCents: 100 + i,
        })),
      );
    });
  });
  afterAll(() => running.close());

  const catalogUrl = (limit: number) =>
    `${running.server.url}/trpc/catalog.list?input=${encodeURIComponent(JSON.stringify({ json: { category, limit } }))}`;

  it('sends a large tRPC answer brotli-compressed when asked, the same JSON once decompressed', async () => {
    const plain = await rawRequest(catalogUrl(30));
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);

    const brotli = await rawRequest(catalogUrl(30), { headers: { 'accept-encoding': 'gzip, br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers['content-type']).toMatch(/^application\/json/);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 3);
    expect(brotliDecompressSync(brotli.body).toString()).toBe(plain.body.toString());

    const gzip = await rawRequest(catalogUrl(30), { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('sends a small answer as it is', async () => {
    const small = await rawRequest(catalogUrl(1), { headers: { 'accept-encoding': 'gzip, br' } });
    expect(small.body.length).toBeLessThan(COMPRESS_THRESHOLD_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toMatchObject({ result: { data: {} } });
  });
});

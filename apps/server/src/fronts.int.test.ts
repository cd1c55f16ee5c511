import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '@stockpulse/devstack';
import { type RunningServer, rawRequest, startTestServer } from './testing';

/** A script worth compressing, as the build leaves it: with its `.br` and `.gz` beside it. */
const BIG_SCRIPT = `export const words = ${JSON.stringify('stock '.repeat(4_000))};`;

/** A fake `vite build` output: an index page and hashed assets, one precompressed. */
function fakeDist(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>${name} index</title>`);
  writeFileSync(join(dir, 'assets', `${name}-Ab12Cd34.js`), `console.log('${name}')`);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const big = join(dir, 'assets', 'big-Ef56Gh78.js');
  writeFileSync(big, BIG_SCRIPT);
  writeFileSync(`${big}.br`, brotliCompressSync(BIG_SCRIPT));
  writeFileSync(`${big}.gz`, gzipSync(BIG_SCRIPT));
  return dir;
}

describe('serving the built fronts', () => {
  let root: string;
  let database: DatabaseHandle;
  let redis: Redis;
  let server: RunningServer;
  let bare: RunningServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sp-fronts-'));
    database = connect(inject('databaseUrl'));
    redis = new Redis(inject('redisUrl'), { lazyConnect: true });
    const fronts = { storefront: fakeDist(root, 'storefront'), admin: fakeDist(root, 'admin') };
    server = await startTestServer({ db: database.db, redis, fronts });
    bare = await startTestServer({
      db: database.db,
      redis,
      fronts: { storefront: join(root, 'missing'), admin: null },
    });
  });
  afterAll(async () => {
    await Promise.all([server.close(), bare.close()]);
    redis.disconnect();
    await database.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (path: string, init?: RequestInit) =>
    fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

  it('serves the storefront index at / and the admin index at /admin/, never cached', async () => {
    for (const [path, title] of [
      ['/', 'storefront index'],
      ['/admin/', 'admin index'],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(await response.text(), path).toContain(title);
    }
  });

  it('serves the admin index at /admin without a redirect', async () => {
    const response = await get('/admin');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('admin index');
  });

  it('caches hashed assets for a year and other files for an hour', async () => {
    const asset = await get('/assets/storefront-Ab12Cd34.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const adminAsset = await get('/admin/assets/admin-Ab12Cd34.js');
    expect(await adminAsset.text()).toContain("'admin'");
    expect(adminAsset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await get('/favicon.svg');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('sends the precompressed copy the browser accepts, the same file once decompressed', async () => {
    const url = `${server.url}/assets/big-Ef56Gh78.js`;
    const brotli = await rawRequest(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(brotli.body).toString()).toBe(BIG_SCRIPT);
    // The build's copy itself, not one compressed again on the fly.
    expect(brotli.body.equals(brotliCompressSync(BIG_SCRIPT))).toBe(true);

    const gzip = await rawRequest(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');

    const plain = await rawRequest(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(BIG_SCRIPT);
  });

  it('answers an unknown page with its front’s index (client-side routes)', async () => {
    const shop = await get('/products/42?ref=mail');
    expect(shop.status).toBe(200);
    expect(shop.headers.get('cache-control')).toBe('no-cache');
    expect(await shop.text()).toContain('storefront index');
    const admin = await get('/admin/orders/42');
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('admin index');
  });

  it('keeps a real 404 for server paths, missing files and other methods', async () => {
    for (const path of [
      '/trpc/nothing.here',
      '/socket.io/',
      '/media/unknown',
      '/healthz/deeper',
      '/readyz/deeper',
      '/metrics/deeper',
      '/assets/gone-123.js',
      '/admin/assets/gone-123.js',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
    expect((await get('/products/42', { method: 'POST' })).status).toBe(404);
  });

  it('serves no page when a front is not built', async () => {
    const response = await fetch(`${bare.url}/`);
    expect(response.status).toBe(404);
    expect((await fetch(`${bare.url}/admin/orders`)).status).toBe(404);
  });
});

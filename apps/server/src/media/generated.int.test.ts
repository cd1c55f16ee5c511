import { randomBytes } from 'node:crypto';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { products } from '@stockpulse/db/schema';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '@stockpulse/devstack';
import { type RunningServer, startTestServer } from '../testing';

describe('/media/products/<sku>.svg', () => {
  const sku = `MEDIA-${randomBytes(3).toString('hex')}`;
  let database: DatabaseHandle;
  let redis: Redis;
  let server: RunningServer;

  beforeAll(async () => {
    database = connect(inject('databaseUrl'));
    redis = new Redis(inject('redisUrl'), { lazyConnect: true });
    await database.db.insert(products).values({
      sku,
      name: 'Walnut Desk Lamp',
      description: 'A lamp.',
      category: 'Lighting',
      priceCents: 4_900,
      active: false,
    });
    server = await startTestServer({ db: database.db, redis });
  });
  afterAll(async () => {
    await server.close();
    redis.disconnect();
    await database.close();
  });

  it('draws the picture of an existing product, archived ones included', async () => {
    const response = await fetch(`${server.url}/media/products/${sku}.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const svg = await response.text();
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('aria-label="Walnut Desk Lamp"');
    expect(svg).toContain('>WD<');
  });

  it('answers 404 for an unknown SKU or another extension', async () => {
    for (const path of [`NO-SUCH-${sku}.svg`, `${sku}.png`, `${sku}`, '.svg']) {
      const response = await fetch(`${server.url}/media/products/${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});

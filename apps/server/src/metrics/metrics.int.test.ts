import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProducerQueues } from '@stockpulse/core';
import { connect, type DatabaseHandle, schema } from '@stockpulse/db';
import { createTestDatabase, type TestDatabase } from '@stockpulse/devstack';
import { Redis } from 'ioredis';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningServer, rawRequest, startTestServer } from '../testing';

/** The value of one sample in Prometheus's text format, or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('/metrics', () => {
  const prefix = `${inject('redisPrefix')}:metrics:`;
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let redis: Redis;
  let root: string;
  let server: RunningServer;
  let elsewhere: RunningServer;
  let proxied: RunningServer;
  let queues: ReturnType<typeof createProducerQueues>;
  let socket: Socket;

  beforeAll(async () => {
    database = await createTestDatabase(inject('databaseUrl'));
    handle = connect(database.url);
    redis = new Redis(inject('redisUrl'), { lazyConnect: true });
    // A storefront, so that a refused /metrics could fall back to its page (it must not).
    root = mkdtempSync(join(tmpdir(), 'sp-metrics-'));
    mkdirSync(join(root, 'storefront'));
    writeFileSync(join(root, 'storefront', 'index.html'), '<!doctype html><title>shop</title>');
    const fronts = { storefront: join(root, 'storefront'), admin: null };
    const common = { db: handle.db, redis, redisPrefix: prefix, fronts };
    [server, elsewhere, proxied] = await Promise.all([
      startTestServer({ ...common, live: {} }),
      startTestServer({ ...common, metricsAllow: ['10.1.2.3'] }),
      startTestServer({ ...common, metricsAllow: ['10.1.2.3'], trustProxy: true }),
    ]);
    // Shop-wide figures the metrics read: status counts, a waiting outbox row, a job.
    await handle.db.delete(schema.orderStatusCounts);
    await handle.db.insert(schema.orderStatusCounts).values([
      { status: 'pending', orders: 3 },
      { status: 'paid', orders: 2 },
      { status: 'shipped', orders: 1 },
      { status: 'delivered', orders: 4 },
      { status: 'cancelled', orders: 5 },
    ]);
    await handle.db.insert(schema.outbox).values({
      kind: 'event',
      topic: 'metrics:test',
      payload: '{}',
      createdAt: new Date(Date.now() - 30_000),
    });
    queues = createProducerQueues(new Redis(inject('redisUrl')), prefix);
    await queues.orders.add('payment', { orderId: 1 }, { delay: 600_000 });
    socket = connectSocket(server.url, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
  });
  afterAll(async () => {
    socket?.disconnect();
    await Promise.all([server, elsewhere, proxied].map((s) => s?.close()));
    await queues?.orders.obliterate({ force: true });
    await Promise.all(Object.values(queues ?? {}).map((q) => q.close()));
    redis.disconnect();
    await handle?.close();
    await database?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  const scrape = async (url: string) => {
    const response = await rawRequest(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body.toString();
  };

  it('times tRPC calls per procedure, a name the router lacks as unknown', async () => {
    await rawRequest(`${server.url}/trpc/catalog.categories,auth.me?batch=1&input={}`);
    await rawRequest(`${server.url}/trpc/no.such.thing`);
    const text = await scrape(server.url);
    const count = (procedure: string, status: number) =>
      sample(
        text,
        'stockpulse_trpc_request_duration_seconds_count',
        `{procedure="${procedure}",status="${status}"}`,
      );
    expect(count('catalog.categories', 200)).toBe(1);
    expect(count('auth.me', 200)).toBe(1);
    expect(count('unknown', 404)).toBe(1);
    expect(text).not.toContain('no.such.thing');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('reports orders placed and paid, queue depth, outbox lag and open sockets', async () => {
    const text = await scrape(server.url);
    expect(sample(text, 'stockpulse_orders_placed_total')).toBe(15);
    expect(sample(text, 'stockpulse_orders_paid_total')).toBe(7);
    expect(sample(text, 'stockpulse_orders', '{status="cancelled"}')).toBe(5);
    expect(
      sample(text, 'stockpulse_queue_jobs', `{queue="${queues.orders.name}",state="delayed"}`),
    ).toBe(1);
    expect(
      sample(text, 'stockpulse_queue_jobs', `{queue="${queues.orders.name}",state="waiting"}`),
    ).toBe(0);
    const lag = sample(text, 'stockpulse_outbox_lag_seconds') ?? 0;
    expect(lag).toBeGreaterThanOrEqual(29);
    expect(lag).toBeLessThan(120);
    expect(sample(text, 'stockpulse_live_sockets')).toBe(1);
  });

  it('is a 404 (not the storefront) for an address METRICS_ALLOW does not list', async () => {
    const refused = await rawRequest(`${elsewhere.url}/metrics`);
    expect(refused.status).toBe(404);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.body.toString()).not.toContain('stockpulse_');
  });

  it('counts a forwarded request as its client: never allowed through an untrusted proxy', async () => {
    // Loopback is allowed on `server`, but this came through a proxy it does not trust.
    const viaProxy = await rawRequest(`${server.url}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(viaProxy.status).toBe(404);
    // Through a trusted proxy, the address the proxy saw decides.
    const listed = await rawRequest(`${proxied.url}/metrics`, {
      headers: { 'x-forwarded-for': '10.1.2.3' },
    });
    expect(listed.status).toBe(200);
    const unlisted = await rawRequest(`${proxied.url}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(unlisted.status).toBe(404);
  });
});

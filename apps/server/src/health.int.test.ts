import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { type PrivateServer, startRedis } from '@stockpulse/devstack';
import { createRedis } from '@stockpulse/runtime';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PRODUCER_REDIS_OPTIONS } from './redis';
import { type RunningServer, startTestServer } from './testing';

const log = pino({ level: 'silent' });

async function ready(redis: Redis) {
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
}

describe('health endpoints', () => {
  let database: DatabaseHandle;
  let redis: Redis;
  let server: RunningServer;

  beforeAll(async () => {
    database = connect(inject('databaseUrl'));
    redis = createRedis(inject('redisUrl'), {
      name: 'server',
      logger: log,
      ...PRODUCER_REDIS_OPTIONS,
    });
    await ready(redis);
    server = await startTestServer({ db: database.db, redis });
  });
  afterAll(async () => {
    await server.close();
    redis.disconnect();
    await database.close();
  });

  it('/healthz answers 200 while the process is up', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when MySQL and Redis both answer', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ mysql: 'ok', redis: 'ok' });
  });

  it('every response carries its request id, a sane incoming one kept', async () => {
    const fresh = await fetch(`${server.url}/healthz`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'lb-123' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-123');
    const replaced = await fetch(`${server.url}/healthz`, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });
});

describe('/readyz with Redis gone', () => {
  // A private redis-server that this test may stop; the machine's own is never touched.
  let dataDir: string;
  let privateRedis: PrivateServer;
  let database: DatabaseHandle;
  let redis: Redis;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sp-readyz-'));
    privateRedis = await startRedis({ dataDir });
    database = connect(inject('databaseUrl'));
    redis = createRedis(privateRedis.url, {
      name: 'server',
      logger: log,
      ...PRODUCER_REDIS_OPTIONS,
    });
    await ready(redis);
    server = await startTestServer({ db: database.db, redis, readinessTimeoutMs: 500 });
  });
  afterAll(async () => {
    await server?.close();
    redis?.disconnect();
    await database?.close();
    await privateRedis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 naming redis, promptly, and 200 again once it is back', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    await privateRedis.stop();
    const started = Date.now();
    const down = await fetch(`${server.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ mysql: 'ok', redis: 'down' });
    expect(Date.now() - started).toBeLessThan(2_000);

    privateRedis = await startRedis({ dataDir, port: privateRedis.port });
    await ready(redis);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});

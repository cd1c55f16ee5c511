import { createSession, SESSION_COOKIE } from '@stockpulse/core';
import { openWorld, type World } from '@stockpulse/core/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '@stockpulse/devstack';
import { QUEUE_BOARD_PATH } from './queue-board';
import { type RunningServer, startTestServer } from './testing';

describe('Bull Board at /admin/queues/board', () => {
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
  const get = (path: string, cookie?: string) =>
    fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    world = openWorld(inject('databaseUrl'), { connectionLimit: 3 });
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
    server = await startTestServer({ db: world.db, redis });
    adminCookie = await cookieFor('admin');
    customerCookie = await cookieFor('customer');
  });
  afterAll(async () => {
    await server?.close();
    redis?.disconnect();
    await world?.close();
  });

  it('shows an administrator the board and its queues', async () => {
    const page = await get(QUEUE_BOARD_PATH, adminCookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');

    const api = await get(`${QUEUE_BOARD_PATH}/api/queues`, adminCookie);
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((queue) => queue.name).sort()).toEqual([
      'imports',
      'orders',
      'payments',
      'restock',
    ]);
  });

  it('refuses a customer with 403, the page and the API alike', async () => {
    expect((await get(QUEUE_BOARD_PATH, customerCookie)).status).toBe(403);
    expect((await get(`${QUEUE_BOARD_PATH}/api/queues`, customerCookie)).status).toBe(403);
  });

  it('asks anyone not signed in to sign in (401), a forged cookie too', async () => {
    expect((await get(QUEUE_BOARD_PATH)).status).toBe(401);
    expect((await get(`${QUEUE_BOARD_PATH}/api/queues`)).status).toBe(401);
    expect((await get(QUEUE_BOARD_PATH, `${SESSION_COOKIE}=${'x'.repeat(43)}`)).status).toBe(401);
  });
});

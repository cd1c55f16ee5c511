import { randomBytes } from 'node:crypto';
import { createSession, SESSION_COOKIE } from '@stockpulse/core';
import { users } from '@stockpulse/db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { openRunConnections, type RunningServer, rawRequest, startTestServer } from './testing';

const DEV_SERVER = 'http://localhost:5173';

describe('state-changing requests from other origins', () => {
  const connections = openRunConnections();
  let servers: RunningServer[];
  let own: string;
  let listed: string;
  let proxied: string;
  let userId: number;

  beforeAll(async () => {
    const { db } = connections.database;
    const [row] = await db.insert(users).values({
      email: `origin-${randomBytes(4).toString('hex')}@example.com`,
      name: 'Origin Tester',
      passwordHash: 'not a real hash: sessions are made directly',
    });
    userId = row.insertId;
    const redis = connections.redis;
    servers = await Promise.all([
      startTestServer({ db, redis }),
      startTestServer({ db, redis, live: { allowedOrigins: [DEV_SERVER] } }),
      startTestServer({ db, redis, trustProxy: true }),
    ]);
    [own, listed, proxied] = servers.map((server) => server.url) as [string, string, string];
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await connections.close();
  });

  /** A fresh session's cookie. */
  const signedIn = async () => {
    const { token } = await createSession(connections.database.db, userId);
    return `${SESSION_COOKIE}=${token}`;
  };
  const me = async (url: string, cookie: string) => {
    const response = await rawRequest(`${url}/trpc/auth.me`, { headers: { cookie } });
    return (JSON.parse(response.body.toString()) as { result: { data: { json: unknown } } }).result
      .data.json;
  };
  const logout = (url: string, headers: Record<string, string>, path = 'auth.logout') =>
    rawRequest(`${url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });

  it('refuses a mutation from a foreign, other-scheme or other-port origin, changing nothing', async () => {
    const url = own;
    const cookie = await signedIn();
    const port = Number(new URL(url).port);
    for (const origin of [
      'https://evil.example',
      url.replace('http:', 'https:'),
      `http://127.0.0.1:${port + 1}`,
      'null',
    ]) {
      const response = await logout(url, { cookie, origin });
      expect(response.status, origin).toBe(403);
      const body = JSON.parse(response.body.toString());
      expect(body.error.json.data, origin).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
      expect(body.error.json.message, origin).toContain('may not change anything');
    }
    const crossSite = await logout(url, { cookie, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    // Still signed in: nothing of the refused calls ran.
    expect(await me(url, cookie)).toMatchObject({ id: userId });
  });

  it('answers every call of a refused batch with the error', async () => {
    const response = await logout(
      own,
      { cookie: await signedIn(), origin: 'https://evil.example' },
      'auth.logout,auth.logout?batch=1',
    );
    expect(response.status).toBe(403);
    const body = JSON.parse(response.body.toString()) as { error: { json: { data: unknown } } }[];
    expect(body).toHaveLength(2);
    for (const item of body) expect(item.error.json.data).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets through its own origin, a listed dev server, and clients that send neither header', async () => {
    const url = own;
    const cases: Record<string, string>[] = [
      { origin: url },
      { 'sec-fetch-site': 'same-origin' },
      {},
    ];
    for (const headers of cases) {
      const cookie = await signedIn();
      const response = await logout(url, { cookie, ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(await me(url, cookie)).toBeNull();
    }
    const cookie = await signedIn();
    expect((await logout(listed, { cookie, origin: DEV_SERVER })).status).toBe(200);
    expect((await logout(own, { cookie, origin: DEV_SERVER })).status).toBe(403);
  });

  it('behind a trusted proxy, takes the origin the proxy says it served', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example' };
    const cookie = await signedIn();
    const wrongScheme = await logout(proxied, {
      cookie,
      ...forwarded,
      origin: 'http://shop.example',
    });
    expect(wrongScheme.status).toBe(403);
    const served = await logout(proxied, { cookie, ...forwarded, origin: 'https://shop.example' });
    expect(served.status).toBe(200);
  });

  it('still answers reads from anywhere (a cross-origin page cannot read them anyway)', async () => {
    const response = await rawRequest(`${own}/trpc/auth.me`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(200);
  });
});

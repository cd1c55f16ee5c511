import { randomBytes } from 'node:crypto';
import type { AppRouter } from '@stockpulse/api';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '@stockpulse/devstack';
import { type RunningServer, startTestServer } from './testing';

const tag = randomBytes(4).toString('hex');
const email = (name: string) => `${name}-${tag}@example.com`;
const PASSWORD = 'correct horse battery';

/** A browser, as far as cookies go: keeps `sp_session`, remembers every Set-Cookie. */
class Browser {
  cookie: string | undefined;
  setCookies: string[] = [];

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  readonly client = () =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${this.url}/trpc`,
          transformer: superjson,
          fetch: async (input, init) => {
            const headers = new Headers(init?.headers);
            for (const [name, value] of Object.entries(this.headers)) headers.set(name, value);
            if (this.cookie) headers.set('cookie', this.cookie);
            const response = await fetch(input, { ...init, headers });
            for (const line of response.headers.getSetCookie()) {
              this.setCookies.push(line);
              const [pair] = line.split(';');
              const [name, value] = pair!.split('=');
              if (name !== 'sp_session') continue;
              const expired = /Max-Age=0\b/i.test(line) || /Expires=Thu, 01 Jan 1970/i.test(line);
              this.cookie = expired || !value ? undefined : `sp_session=${value}`;
            }
            return response;
          },
        }),
      ],
    });

  lastSessionCookie(): string {
    const line = this.setCookies.findLast((l) => l.startsWith('sp_session='));
    expect(line, 'a Set-Cookie for sp_session').toBeDefined();
    return line!;
  }
}

const attributes = (line: string) =>
  line
    .split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase());

describe('sessions over HTTP', () => {
  let database: DatabaseHandle;
  let redis: Redis;
  let server: RunningServer;
  let proxied: RunningServer;

  beforeAll(async () => {
    database = connect(inject('databaseUrl'));
    redis = new Redis(inject('redisUrl'));
    server = await startTestServer({ db: database.db, redis });
    proxied = await startTestServer({ db: database.db, redis, trustProxy: true });
  });
  afterAll(async () => {
    await Promise.all([server.close(), proxied.close()]);
    redis.disconnect();
    await database.close();
  });

  it('register → me → logout → me: an HttpOnly, SameSite=Lax cookie, not Secure over http', async () => {
    const browser = new Browser(server.url);
    const user = await browser
      .client()
      .auth.register.mutate({ email: email('http'), password: PASSWORD, name: 'Http' });
    const set = browser.lastSessionCookie();
    expect(set).toMatch(/^sp_session=[\w-]{43};/);
    expect(attributes(set)).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    // Thirty days, the session's lifetime.
    expect(set).toMatch(/; Max-Age=(2592000|2591999)(;|$)/);
    expect(attributes(set)).not.toContain('secure');
    // The known-device cookie: HttpOnly too, for 90 days, and still there after sign-out.
    const device = browser.setCookies.find((l) => l.startsWith('sp_device='));
    expect(device).toMatch(/^sp_device=[\w-]{43};/);
    expect(attributes(device!)).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'max-age=7776000']),
    );

    expect(await browser.client().auth.me.query()).toEqual(user);
    expect(await browser.client().account.get.query()).toMatchObject({ email: email('http') });

    const token = browser.cookie;
    await browser.client().auth.logout.mutate();
    expect(browser.cookie).toBeUndefined();
    expect(attributes(browser.lastSessionCookie())).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']),
    );
    expect(await browser.client().auth.me.query()).toBeNull();
    // The old cookie, replayed: the session is gone server-side.
    browser.cookie = token;
    expect(await browser.client().auth.me.query()).toBeNull();
  });

  it('marks the cookie Secure when a trusted proxy says the request came over https', async () => {
    const headers = { 'x-forwarded-proto': 'https' };
    const behindProxy = new Browser(proxied.url, headers);
    await behindProxy
      .client()
      .auth.register.mutate({ email: email('https'), password: PASSWORD, name: 'Https' });
    expect(attributes(behindProxy.lastSessionCookie())).toContain('secure');
    // Without trustProxy the header is a client's claim, and ignored.
    const direct = new Browser(server.url, headers);
    await direct.client().auth.login.mutate({ email: email('https'), password: PASSWORD });
    expect(attributes(direct.lastSessionCookie())).not.toContain('secure');
  });

  it('behind one proxy, limits the address that proxy saw, whatever the client wrote before it', async () => {
    // A client rotating its own X-Forwarded-For entry; the proxy appends the real address.
    const guess = (i: number) =>
      new Browser(proxied.url, { 'x-forwarded-for': `10.66.${i >> 8}.${i & 255}, 203.0.113.66` })
        .client()
        .auth.login.mutate({ email: email(`spray${i}`), password: 'not the password' })
        .catch((e: TRPCClientError<AppRouter>) => e.data?.code);
    // Thirty failures per address in 15 minutes (DEFAULT_LOGIN_LIMITS), then refused.
    const codes = [];
    for (let i = 0; i < 31; i++) codes.push(await guess(i));
    expect(codes.slice(0, 30)).toEqual(Array(30).fill('UNAUTHORIZED'));
    expect(codes[30]).toBe('TOO_MANY_REQUESTS');
    // Another client behind the same proxy is not affected.
    const other = await new Browser(proxied.url, { 'x-forwarded-for': '203.0.113.67' })
      .client()
      .auth.login.mutate({ email: email('spray0'), password: 'not the password' })
      .catch((e: TRPCClientError<AppRouter>) => e.data?.code);
    expect(other).toBe('UNAUTHORIZED');
  });

  it('answers anonymous calls to protected procedures with 401 UNAUTHORIZED', async () => {
    const error = await new Browser(server.url)
      .client()
      .account.get.query()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data).toMatchObject({
      code: 'UNAUTHORIZED',
      httpStatus: 401,
    });
  });

  it('sends the sign-in errors a client can act on: cause, and when to retry', async () => {
    await new Browser(server.url)
      .client()
      .auth.register.mutate({ email: email('limit'), password: PASSWORD, name: 'Limit' });
    const login = () =>
      new Browser(server.url)
        .client()
        .auth.login.mutate({ email: email('limit'), password: 'not the password' })
        .catch((e: TRPCClientError<AppRouter>) => e.data);
    const first = await login();
    expect(first).toMatchObject({ code: 'UNAUTHORIZED', cause: 'INVALID_CREDENTIALS' });
    for (let i = 0; i < 4; i++) await login();
    const limited = await login();
    expect(limited).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      httpStatus: 429,
      cause: 'TOO_MANY_ATTEMPTS',
      details: { retryAfterSeconds: expect.any(Number) },
    });
  });

  it('refuses a batch of 50 register calls whole, with a 400 naming the limit, creating no account', async () => {
    const calls = 50;
    const input = Object.fromEntries(
      Array.from({ length: calls }, (_, i) => [
        i,
        { json: { email: email(`batch${i}`), password: PASSWORD, name: `Batch ${i}` } },
      ]),
    );
    const response = await fetch(
      `${server.url}/trpc/${Array(calls).fill('auth.register').join(',')}?batch=1`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: { message: string } } }[];
    expect(body).toHaveLength(calls);
    expect(body[0]!.error.json.message).toBe('A batch may hold at most 20 calls; this one has 50');
    const [rows] = (await database.db.execute(
      sql`SELECT COUNT(*) AS n FROM users WHERE email LIKE ${`batch%-${tag}@example.com`}`,
    )) as unknown as [{ n: number }[]];
    expect(Number(rows[0]!.n)).toBe(0);
    // A batch within the limit runs as before.
    const within = await fetch(`${server.url}/trpc/${Array(20).fill('auth.me').join(',')}?batch=1`);
    expect(within.status).toBe(200);
  });

  it('answers a bad register with 400 and the field errors', async () => {
    const error = await new Browser(server.url)
      .client()
      .auth.register.mutate({ email: 'nope', password: 'short', name: 'X' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const { data } = error as TRPCClientError<AppRouter>;
    expect(data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(Object.keys(data?.zodError?.fieldErrors ?? {}).sort()).toEqual(['email', 'password']);
  });
});

import { randomBytes } from 'node:crypto';
import type { AppRouter } from '@stockpulse/api';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { eventually } from '@stockpulse/devstack';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSessionCache } from './session-cache-invalidation';
import { type RunningServer, startTestServer } from './testing';

const tag = randomBytes(4).toString('hex');
const PASSWORD = 'correct horse battery';

/** A tRPC client on `url` sending `cookie` (a session token shared between servers). */
function clientOn(url: string, jar: { cookie?: string }) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        transformer: superjson,
        fetch: async (input, init) => {
          const headers = new Headers(init?.headers);
          if (jar.cookie) headers.set('cookie', jar.cookie);
          const response = await fetch(input, { ...init, headers });
          const set = response.headers.getSetCookie().find((l) => l.startsWith('sp_session='));
          const value = set?.split(';')[0];
          if (value && !/Max-Age=0\b/i.test(set!)) jar.cookie = value;
          return response;
        },
      }),
    ],
  });
}

describe('the session cache, across two server processes sharing Redis', () => {
  let database: DatabaseHandle;
  let redis: Redis;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    database = connect(inject('databaseUrl'));
    redis = new Redis(inject('redisUrl'));
    // A long TTL, so that only the invalidation can explain a refusal below.
    [a, b] = await Promise.all([
      startTestServer({ db: database.db, redis, sessionCacheMs: 60_000 }),
      startTestServer({ db: database.db, redis, sessionCacheMs: 60_000 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    redis.disconnect();
    await database.close();
  });

  async function customer(name: string) {
    const jar: { cookie?: string } = {};
    await clientOn(a.url, jar).auth.register.mutate({
      email: `${name}-${tag}@example.com`,
      password: PASSWORD,
      name,
    });
    return jar;
  }

  /**
   * B hears the message over Redis, which can land a moment after the client's next
   * request (within a millisecond or so: `eventually` allows a second). The 60 s TTL means
   * nothing but the message can make B refuse.
   */
  const refusedOnB = (jar: { cookie?: string }, what: string) =>
    eventually(
      what,
      async () => ((await clientOn(b.url, jar).auth.me.query()) === null ? true : undefined),
      1_000,
    );

  it('a sign-out on A is refused on A at once and on B as soon as B hears it', async () => {
    const jar = await customer('signout');
    const token = jar.cookie;
    // Each of these is a hit on B after the first: the session row is deleted below, so
    // only a forgotten entry can make B refuse.
    for (let i = 0; i < 3; i += 1) {
      expect(await clientOn(b.url, jar).auth.me.query()).toMatchObject({ name: 'signout' });
    }
    await clientOn(a.url, jar).auth.logout.mutate();
    const replayed = { cookie: token };
    expect(await clientOn(a.url, replayed).auth.me.query()).toBeNull();
    await refusedOnB(replayed, 'B refusing the signed-out session');
    const refused = await clientOn(b.url, replayed)
      .account.get.query()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
  });

  it('a password change on A signs the other sessions out on B too', async () => {
    const first = await customer('password');
    const second: { cookie?: string } = {};
    await clientOn(b.url, second).auth.login.mutate({
      email: `password-${tag}@example.com`,
      password: PASSWORD,
    });
    expect(await clientOn(b.url, second).auth.me.query()).not.toBeNull();
    await clientOn(a.url, first).account.changePassword.mutate({
      current: PASSWORD,
      next: 'another horse battery',
    });
    await refusedOnB(second, 'B refusing the other session');
    // The session that changed it stays, on both servers.
    expect(await clientOn(b.url, first).auth.me.query()).toMatchObject({ name: 'password' });
  });

  it('a new name on A is what B sees next (sessions carry the name orders are placed under)', async () => {
    const jar = await customer('oldname');
    expect(await clientOn(b.url, jar).auth.me.query()).toMatchObject({ name: 'oldname' });
    await clientOn(a.url, jar).account.update.mutate({ name: 'newname' });
    expect(await clientOn(a.url, jar).auth.me.query()).toMatchObject({ name: 'newname' });
    await eventually(
      'B seeing the new name',
      async () =>
        (await clientOn(b.url, jar).auth.me.query())?.name === 'newname' ? true : undefined,
      1_000,
    );
  });
});

describe('createSessionCache', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(() => redis.disconnect());

  it('answers from memory only while it is subscribed, and starts empty again after a drop', async () => {
    const prefix = `${inject('redisPrefix')}:cache-${tag}`;
    const sessions = createSessionCache({
      redis,
      redisPrefix: prefix,
      ttlMs: 60_000,
      log: pino({ level: 'silent' }),
    });
    try {
      expect(sessions.cache.enabled).toBe(false);
      await eventually('subscribed', () => (sessions.cache.enabled ? true : undefined), 5_000);
      const session = {
        userId: 1,
        role: 'customer' as const,
        email: 'x@example.com',
        name: 'X',
        tokenHash: 'a'.repeat(64),
        expiresAt: new Date(Date.now() + 60_000),
      };
      sessions.cache.set(
        session.tokenHash,
        { session, lastSeenAt: new Date() },
        sessions.cache.mark(),
      );
      expect(sessions.cache.get(session.tokenHash)).toBeDefined();

      // Kill the subscriber's connection from the server side, as an outage would.
      const clients = (await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
      const ours = clients
        .split('\n')
        .find((line) => line.includes(`name=${sessions.connectionName}`));
      expect(ours, 'the subscriber connection, by name').toBeDefined();
      const id = /\bid=(\d+)/.exec(ours!)![1]!;
      await redis.client('KILL', 'ID', id);
      await eventually('disabled', () => (sessions.cache.enabled ? undefined : true), 5_000);
      expect(sessions.cache.get(session.tokenHash)).toBeUndefined();

      // Reconnected and subscribed again: enabled, and empty (a forget may have been missed).
      await eventually('re-subscribed', () => (sessions.cache.enabled ? true : undefined), 10_000);
      expect(sessions.cache.get(session.tokenHash)).toBeUndefined();

      // And it hears forgets published by another process.
      sessions.cache.set(
        session.tokenHash,
        { session, lastSeenAt: new Date() },
        sessions.cache.mark(),
      );
      await redis.publish(`${prefix}:sessions:forget`, JSON.stringify({ userIds: [1] }));
      await eventually(
        'forgotten',
        () => (sessions.cache.get(session.tokenHash) ? undefined : true),
        5_000,
      );
      // Malformed messages change nothing and crash nothing.
      await redis.publish(`${prefix}:sessions:forget`, '{"tokenHashes":"nope"');
      await redis.publish(`${prefix}:sessions:forget`, JSON.stringify({ userIds: ['1; DROP'] }));
      expect(sessions.cache.enabled).toBe(true);
    } finally {
      sessions.close();
    }
  });
});

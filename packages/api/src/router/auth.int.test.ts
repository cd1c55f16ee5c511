import { randomBytes } from 'node:crypto';
import {
  createSession,
  DEFAULT_SIGN_UP_LIMIT,
  hashPassword,
  hashSessionToken,
  type LoginLimits,
  revokeSessionsOfUser,
  sessionIsLive,
} from '@stockpulse/core';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { customers, sessions, users } from '@stockpulse/db/schema';
import { DomainError } from '@stockpulse/shared';
import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ZodError, z } from 'zod';
import '@stockpulse/devstack';
import { TestBrowser, type TestDeps } from '../testing';
import {
  adminProcedure,
  createCallerFactory,
  createContext,
  customerProcedure,
  protectedProcedure,
  router,
} from '../trpc';

const tag = randomBytes(4).toString('hex');
const email = (name: string) => `${name}-${tag}@example.com`;
const PASSWORD = 'correct horse battery';

let handle: DatabaseHandle;
let redis: Redis;
let deps: TestDeps;

beforeAll(async () => {
  handle = connect(inject('databaseUrl'));
  redis = new Redis(inject('redisUrl'));
  deps = { db: handle.db, redis, redisPrefix: `${inject('redisPrefix')}:auth-${tag}:` };
});
afterAll(async () => {
  redis.disconnect();
  await handle.close();
});

/** The error a call fails with (the test fails if it does not fail). */
async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
const causeOf = (error: TRPCError) =>
  error.cause instanceof DomainError
    ? { code: error.cause.code, details: error.cause.details }
    : null;
const fieldsOf = (error: TRPCError) =>
  error.cause instanceof ZodError
    ? Object.keys(z.flattenError(error.cause).fieldErrors).sort()
    : [];

async function registered(name: string, browser = new TestBrowser(deps)) {
  const user = await (await browser.caller()).auth.register({
    email: email(name),
    password: PASSWORD,
    name: `Customer ${name}`,
  });
  return { browser, user };
}

async function sessionRows(userId: number) {
  return handle.db.select().from(sessions).where(eq(sessions.userId, userId));
}

describe('auth.register', () => {
  it('creates a customer with a profile sharing its id, signs them in, and me says who', async () => {
    const browser = new TestBrowser(deps);
    const user = await (await browser.caller()).auth.register({
      email: `  Ann-${tag}@Example.COM `,
      password: PASSWORD,
      name: '  Ann  ',
    });
    expect(user).toEqual({
      id: expect.any(Number),
      email: email('ann'),
      name: 'Ann',
      role: 'customer',
    });
    const [profile] = await handle.db.select().from(customers).where(eq(customers.id, user.id));
    expect(profile?.id).toBe(user.id);
    expect(browser.token).toMatch(/^[\w-]{43}$/);
    const expiresIn = browser.cookieExpiresAt!.getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(29.9 * 86_400_000);
    expect(expiresIn).toBeLessThanOrEqual(30 * 86_400_000);
    expect(await (await browser.caller()).auth.me()).toEqual(user);
    // The table holds the token's hash, never the token.
    const [row] = await sessionRows(user.id);
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.tokenHash).not.toContain(browser.token);
  });

  it('refuses an email already taken, whatever its case, with CONFLICT EMAIL_TAKEN', async () => {
    await registered('dup');
    const error = await failure(
      (await new TestBrowser(deps).caller()).auth.register({
        email: email('DUP'),
        password: 'another password',
        name: 'Impostor',
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(causeOf(error)?.code).toBe('EMAIL_TAKEN');
    const rows = await handle.db
      .select()
      .from(users)
      .where(eq(users.email, email('dup')));
    expect(rows.map((r) => r.name)).toEqual(['Customer dup']);
  });

  it('refuses a guessable password, or the email itself, with BAD_REQUEST WEAK_PASSWORD saying why', async () => {
    const register = async (password: string) =>
      (await new TestBrowser(deps).caller()).auth.register({
        email: email('weak'),
        password,
        name: 'Weak Walter',
      });
    for (const [password, why] of [
      ['password12', /common passwords/],
      ['aaaaaaaaaa', /repeats a character/],
      [email('weak'), /your email or name/],
    ] as const) {
      const error = await failure(register(password));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(why);
      expect(causeOf(error)).toEqual({
        code: 'WEAK_PASSWORD',
        details: { field: 'password', reason: expect.any(String) },
      });
    }
    expect(
      await handle.db
        .select()
        .from(users)
        .where(eq(users.email, email('weak'))),
    ).toEqual([]);
    await register('walter picks a long phrase');
  });

  it('answers bad input with BAD_REQUEST naming the fields, and creates nothing', async () => {
    const register = (await new TestBrowser(deps).caller()).auth.register as (
      input: unknown,
    ) => Promise<unknown>;
    const bad = email('bad');
    let error = await failure(register({ email: 'not-an-email', password: 'short', name: '' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldsOf(error)).toEqual(['email', 'name', 'password']);
    error = await failure(register({ email: bad, password: PASSWORD, name: 'x', role: 'admin' }));
    expect(error.code).toBe('BAD_REQUEST');
    error = await failure(register({ email: bad, password: 'p'.repeat(201), name: 'x' }));
    expect(fieldsOf(error)).toEqual(['password']);
    error = await failure(register({ email: bad, password: PASSWORD, name: 'n'.repeat(101) }));
    expect(fieldsOf(error)).toEqual(['name']);
    expect(await handle.db.select().from(users).where(eq(users.email, bad))).toEqual([]);
  });
});

describe('auth.register limits', () => {
  const signUp = async (name: string, address: string, limits: Partial<TestDeps> = {}) =>
    (await new TestBrowser({ ...deps, ...limits }, address).caller()).auth.register({
      email: email(name),
      password: PASSWORD,
      name: `Customer ${name}`,
    });

  it('refuses the 11th sign-up from one address in an hour, EMAIL_TAKEN ones counted', async () => {
    const limited = { signUpLimit: DEFAULT_SIGN_UP_LIMIT };
    const address = '198.51.100.50';
    for (let i = 0; i < 9; i++) await signUp(`cap${i}`, address, limited);
    // Probing an email that has an account costs a sign-up too.
    expect(causeOf(await failure(signUp('cap0', address, limited)))?.code).toBe('EMAIL_TAKEN');
    const error = await failure(signUp('cap-eleventh', address, limited));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/at most 10 per 60 minutes/);
    const { code, details } = causeOf(error)!;
    expect(code).toBe('TOO_MANY_ATTEMPTS');
    expect(details).toMatchObject({ limit: 10 });
    const { retryAfterSeconds } = details as { retryAfterSeconds: number };
    expect(retryAfterSeconds).toBeGreaterThan(3500);
    expect(retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(
      await handle.db
        .select()
        .from(users)
        .where(eq(users.email, email('cap-eleventh'))),
    ).toEqual([]);
    // Another address is not affected.
    await signUp('cap-elsewhere', '198.51.100.51', limited);
  });

  it('counts an IPv6 client by its /64: rotating the rest of the address does not escape', async () => {
    const limited = { signUpLimit: DEFAULT_SIGN_UP_LIMIT };
    for (let i = 0; i < 10; i++) await signUp(`v6-${i}`, `2001:db8:5:6::${i + 1}`, limited);
    const error = await failure(signUp('v6-eleventh', '2001:db8:5:6:ffff::beef', limited));
    expect(causeOf(error)?.code).toBe('TOO_MANY_ATTEMPTS');
    // The next /64 is someone else.
    await signUp('v6-neighbour', '2001:db8:5:7::1', limited);
  });

  it('keeps sign-in quick while a burst of sign-ups is hashing', async () => {
    await registered('responsive');
    let signedUp = 0;
    const burst = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signUp(`burst-signup${i}`, `10.9.0.${i}`).then(() => signedUp++),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    await (await new TestBrowser(deps, '10.9.1.1').caller()).auth.login({
      email: email('responsive'),
      password: PASSWORD,
    });
    const signedUpBefore = signedUp;
    await burst;
    // Unbounded, the sign-in's argon2 verification waits behind all 40 hashes, so nearly
    // every sign-up is done first; through the pool it goes ahead of the waiting ones.
    // Counted, not timed, so a busy machine cannot blur it.
    expect(signedUpBefore).toBeLessThan(20);
  });
});

describe('auth.logout and sessions', () => {
  it('ends the session for good: the row is gone, the cookie cleared, me is null', async () => {
    const { browser, user } = await registered('bye');
    const token = browser.token;
    await (await browser.caller()).auth.logout();
    expect(browser.token).toBeUndefined();
    expect(await sessionRows(user.id)).toEqual([]);
    expect(await (await browser.caller()).auth.me()).toBeNull();
    // The old token, replayed, is nobody.
    browser.token = token;
    expect(await (await browser.caller()).auth.me()).toBeNull();
  });

  it('treats an expired session as anonymous', async () => {
    const { browser, user } = await registered('expired');
    await handle.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    const caller = await browser.caller();
    expect(await caller.auth.me()).toBeNull();
    expect((await failure(caller.account.get())).code).toBe('UNAUTHORIZED');
  });

  it('tells a live session from a revoked or expired one by its hash (the socket re-check)', async () => {
    const { browser, user } = await registered('islive');
    const hash = hashSessionToken(browser.token!);
    expect(await sessionIsLive(handle.db, hash)).toBe(true);
    expect(await sessionIsLive(handle.db, hash, new Date(Date.now() + 31 * 24 * 3600_000))).toBe(
      false,
    );
    await revokeSessionsOfUser(handle.db, user.id);
    expect(await sessionIsLive(handle.db, hash)).toBe(false);
  });

  it('treats a revoked session, or a made-up token, as anonymous', async () => {
    const { browser, user } = await registered('revoked');
    expect(await revokeSessionsOfUser(handle.db, user.id)).toHaveLength(1);
    expect(await (await browser.caller()).auth.me()).toBeNull();
    browser.token = randomBytes(32).toString('base64url');
    expect(await (await browser.caller()).auth.me()).toBeNull();
    browser.token = "' OR 1=1 --";
    expect(await (await browser.caller()).auth.me()).toBeNull();
  });

  it('slides the expiry forward at most once a day, sending the cookie again', async () => {
    const { browser, user } = await registered('slide');
    browser.cookieExpiresAt = undefined;
    // Used within the day: no write, no new cookie.
    await (await browser.caller()).auth.me();
    expect(browser.cookieExpiresAt).toBeUndefined();
    // Last seen two days ago, 28 days left: refreshed to a full 30 days.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await handle.db
      .update(sessions)
      .set({ lastSeenAt: twoDaysAgo, expiresAt: new Date(Date.now() + 28 * 86_400_000) })
      .where(eq(sessions.userId, user.id));
    expect(await (await browser.caller()).auth.me()).toMatchObject({ id: user.id });
    const [row] = await sessionRows(user.id);
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29.9 * 86_400_000);
    expect(row!.lastSeenAt.getTime()).toBeGreaterThan(twoDaysAgo.getTime());
    const cookieExpiry = browser.cookieExpiresAt as Date | undefined;
    expect(cookieExpiry?.getTime()).toBe(row!.expiresAt.getTime());
  });

  it('reads the session with one indexed lookup (primary key, joined to users)', async () => {
    const { browser } = await registered('explain');
    const hash = (await sessionRows((await (await browser.caller()).auth.me())!.id))[0]!.tokenHash;
    const [plan] = (await handle.db.execute(
      sql`EXPLAIN SELECT u.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ${hash} AND s.expires_at > NOW()`,
    )) as unknown as [{ table: string; type: string }[]];
    expect(plan.map((p) => p.type)).toEqual(['const', 'const']);
  });
});

describe('auth.login', () => {
  const strict: LoginLimits = {
    perAccount: { max: 3, windowSeconds: 60 },
    perAddress: { max: 6, windowSeconds: 120 },
  };

  it('signs in with the right password, trimming and lowercasing the email', async () => {
    const { user } = await registered('login');
    const browser = new TestBrowser(deps);
    const me = await (await browser.caller()).auth.login({
      email: ` LOGIN-${tag}@example.com`,
      password: PASSWORD,
    });
    expect(me).toEqual(user);
    expect(await (await browser.caller()).auth.me()).toEqual(user);
    expect(await sessionRows(user.id)).toHaveLength(2);
  });

  it('answers a wrong password and an unknown email alike, in about the same time', async () => {
    await registered('timing');
    const lenient: LoginLimits = {
      perAccount: { max: 100, windowSeconds: 60 },
      perAddress: { max: 100, windowSeconds: 60 },
    };
    const browser = new TestBrowser({ ...deps, loginLimits: lenient }, '198.51.100.1');
    const login = (await browser.caller()).auth.login;
    const attempt = async (who: string) => {
      const started = performance.now();
      const error = await failure(login({ email: email(who), password: 'wrong password!' }));
      return { error, ms: performance.now() - started };
    };
    const wrong = await attempt('timing');
    const unknown = await attempt('nobody');
    for (const { error } of [wrong, unknown]) {
      expect(error.code).toBe('UNAUTHORIZED');
      expect(causeOf(error)?.code).toBe('INVALID_CREDENTIALS');
    }
    expect(unknown.error.message).toBe(wrong.error.message);
    // Both verify an argon2id hash (a dummy one for the unknown email).
    // Interleaved samples, so a busy machine slows both kinds alike; medians of seven.
    const known: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      unknownTimes.push((await attempt(`nobody${i}`)).ms);
      known.push((await attempt('timing')).ms);
    }
    const median = (ms: number[]) => ms.sort((a, b) => a - b)[3]!;
    const times = [median(unknownTimes), median(known)];
    // Without the dummy hash the unknown email answers in about a tenth of the time.
    expect(Math.min(...times) / Math.max(...times)).toBeGreaterThan(0.4);
  });

  it('limits failures per account, over every address, and a success resets the count', async () => {
    await registered('limited');
    const strictDeps = { ...deps, loginLimits: strict };
    const login = async (password: string, address: string) =>
      (await new TestBrowser(strictDeps, address).caller()).auth.login({
        email: email('limited'),
        password,
      });
    // Two failures, then a success: the count starts again.
    for (const address of ['10.0.0.1', '10.0.0.2']) {
      expect((await failure(login('wrong password', address))).code).toBe('UNAUTHORIZED');
    }
    await login(PASSWORD, '10.0.0.3');
    for (const address of ['10.0.0.4', '10.0.0.5', '10.0.0.6']) {
      expect((await failure(login('wrong password', address))).code).toBe('UNAUTHORIZED');
    }
    // Fourth failure in the window: even the right password is refused now.
    const error = await failure(login(PASSWORD, '10.0.0.7'));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(causeOf(error)).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    const { retryAfterSeconds } = causeOf(error)!.details as { retryAfterSeconds: number };
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('limits failures per client address, over every account', async () => {
    const strictDeps = { ...deps, loginLimits: strict };
    const address = '192.0.2.99';
    const login = async (who: string, from = address) =>
      (await new TestBrowser(strictDeps, from).caller()).auth.login({
        email: email(who),
        password: 'wrong password',
      });
    for (let i = 0; i < 6; i++) {
      expect((await failure(login(`spray${i}`))).code).toBe('UNAUTHORIZED');
    }
    const error = await failure(login('spray-next'));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(
      (causeOf(error)!.details as { retryAfterSeconds: number }).retryAfterSeconds,
    ).toBeLessThanOrEqual(120);
    // Another address is not affected.
    expect((await failure(login('spray-next', '192.0.2.100'))).code).toBe('UNAUTHORIZED');
  });

  it('counts a burst of parallel guesses one by one', async () => {
    await registered('burst');
    const strictDeps = { ...deps, loginLimits: strict };
    const errors = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        failure(
          (await new TestBrowser(strictDeps, `10.1.0.${i}`).caller()).auth.login({
            email: email('burst'),
            password: `guess ${i}`,
          }),
        ),
      ),
    );
    const codes = errors.map((e) => e.code).sort();
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(3);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(7);
  });

  it('lets the owner in from a known device after five wrong guesses from elsewhere', async () => {
    const { browser: owner } = await registered('owner');
    await (await owner.caller()).auth.logout();
    expect(owner.deviceToken).toMatch(/^[\w-]{43}$/);
    const login = async (browser: TestBrowser, password: string) =>
      (await browser.caller()).auth.login({ email: email('owner'), password });
    for (let i = 0; i < 5; i++) {
      const guesser = new TestBrowser(deps, `10.2.0.${i}`);
      expect((await failure(login(guesser, `guess ${i}`))).code).toBe('UNAUTHORIZED');
    }
    // Anywhere else, even the right password waits now...
    expect((await failure(login(new TestBrowser(deps, '10.2.1.1'), PASSWORD))).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    // ...but the browser the owner signed in on before is let through.
    expect(await login(owner, PASSWORD)).toMatchObject({ email: email('owner') });
  });

  it('gives a known device a budget of its own, which guesses on it use up', async () => {
    const { browser: stolen } = await registered('device');
    for (let i = 0; i < 5; i++) {
      const error = await failure(
        (await stolen.caller()).auth.login({ email: email('device'), password: `guess ${i}` }),
      );
      expect(error.code).toBe('UNAUTHORIZED');
    }
    const refused = await failure(
      (await stolen.caller()).auth.login({ email: email('device'), password: PASSWORD }),
    );
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    // The account's own count is untouched: a new browser signs in.
    const fresh = new TestBrowser(deps, '10.3.0.1');
    expect(
      await (await fresh.caller()).auth.login({ email: email('device'), password: PASSWORD }),
    ).toMatchObject({ email: email('device') });
  });

  it('slows an account down instead of locking it: the right password passes after the delay', async () => {
    await registered('patient');
    const slow: LoginLimits = {
      perAccount: { max: 3, windowSeconds: 60 },
      perAddress: { max: 100, windowSeconds: 60 },
      delaySeconds: 1,
    };
    const login = async (password: string) =>
      (await new TestBrowser({ ...deps, loginLimits: slow }, '10.4.0.1').caller()).auth.login({
        email: email('patient'),
        password,
      });
    for (let i = 0; i < 3; i++) await failure(login(`guess ${i}`));
    const waiting = await failure(login(PASSWORD));
    expect(causeOf(waiting)).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      details: { retryAfterSeconds: 1 },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // One more wrong guess after the delay doubles the next one.
    await failure(login('guess 3'));
    const longer = await failure(login(PASSWORD));
    expect(causeOf(longer)?.details).toEqual({ retryAfterSeconds: 2 });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await login(PASSWORD)).toMatchObject({ email: email('patient') });
  });

  it('answers bad input with BAD_REQUEST', async () => {
    const login = (await new TestBrowser(deps).caller()).auth.login as (
      input: unknown,
    ) => Promise<unknown>;
    expect((await failure(login({ email: email('x') }))).code).toBe('BAD_REQUEST');
    expect((await failure(login({ email: 'x', password: 'y' }))).code).toBe('BAD_REQUEST');
    expect((await failure(login({ email: email('x'), password: 'p'.repeat(10_000) }))).code).toBe(
      'BAD_REQUEST',
    );
    expect(
      (await failure(login({ email: email('x'), password: PASSWORD, remember: true }))).code,
    ).toBe('BAD_REQUEST');
  });
});

describe('base procedures', () => {
  const testRouter = router({
    open: protectedProcedure.query(({ ctx }) => ctx.session.userId),
    shop: customerProcedure.query(({ ctx }) => ctx.session.role),
    staff: adminProcedure.query(({ ctx }) => ctx.session.role),
  });
  const createTestCaller = createCallerFactory(testRouter);

  async function callerFor(token: string | undefined) {
    return createTestCaller(
      await createContext({ ...deps, requestId: 'test', log: console, sessionToken: token }),
    );
  }

  async function adminToken() {
    const [{ id }] = (await handle.db
      .insert(users)
      .values({
        email: email('admin'),
        name: 'Admin',
        passwordHash: await hashPassword(PASSWORD),
        role: 'admin',
      })
      .$returningId()) as [{ id: number }];
    return (await createSession(handle.db, id)).token;
  }

  it('are UNAUTHORIZED to anonymous callers', async () => {
    const caller = await callerFor(undefined);
    for (const call of [caller.open, caller.shop, caller.staff]) {
      expect((await failure(call())).code).toBe('UNAUTHORIZED');
    }
  });

  it('let a customer in, except to admin procedures: FORBIDDEN', async () => {
    const { browser, user } = await registered('base');
    const caller = await callerFor(browser.token);
    expect(await caller.open()).toBe(user.id);
    expect(await caller.shop()).toBe('customer');
    expect((await failure(caller.staff())).code).toBe('FORBIDDEN');
  });

  it('let an admin into admin procedures, but not customer ones', async () => {
    const caller = await callerFor(await adminToken());
    expect(await caller.staff()).toBe('admin');
    expect((await failure(caller.shop())).code).toBe('FORBIDDEN');
  });
});

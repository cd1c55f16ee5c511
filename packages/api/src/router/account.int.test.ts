import { randomBytes } from 'node:crypto';
import { createSession, hashPassword } from '@stockpulse/core';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { customers, sessions, users } from '@stockpulse/db/schema';
import type { DomainError } from '@stockpulse/shared';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ZodError, z } from 'zod';
import '@stockpulse/devstack';
import { TestBrowser, type TestDeps } from '../testing';

const tag = randomBytes(4).toString('hex');
const email = (name: string) => `${name}-${tag}@example.com`;
const PASSWORD = 'correct horse battery';

let handle: DatabaseHandle;
let redis: Redis;
let deps: TestDeps;

beforeAll(async () => {
  handle = connect(inject('databaseUrl'));
  redis = new Redis(inject('redisUrl'));
  deps = { db: handle.db, redis, redisPrefix: `${inject('redisPrefix')}:account-${tag}:` };
});
afterAll(async () => {
  redis.disconnect();
  await handle.close();
});

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
const fieldsOf = (error: TRPCError) =>
  error.cause instanceof ZodError
    ? Object.keys(z.flattenError(error.cause).fieldErrors).sort()
    : [];

async function customer(name: string) {
  const browser = new TestBrowser(deps);
  const user = await (await browser.caller()).auth.register({
    email: email(name),
    password: PASSWORD,
    name: `Customer ${name}`,
  });
  return { browser, user };
}

const profileRow = async (id: number) => {
  const [row] = await handle.db
    .select({ user: users, customer: customers })
    .from(users)
    .innerJoin(customers, eq(customers.id, users.id))
    .where(eq(users.id, id));
  return row;
};

const ADDRESS = {
  line1: '1 Main Street',
  city: 'London',
  postalCode: 'SW1A 1AA',
  country: 'GB',
};

describe('account.get and account.update', () => {
  it('starts with the name and email of registration, and nothing else', async () => {
    const { browser, user } = await customer('fresh');
    expect(await (await browser.caller()).account.get()).toEqual({
      id: user.id,
      email: email('fresh'),
      name: 'Customer fresh',
      phone: null,
      address: null,
    });
  });

  it('changes the given fields only, normalising the phone and the country', async () => {
    const { browser, user } = await customer('update');
    const account = (await browser.caller()).account;
    const updated = await account.update({
      phone: ' +44 20-7946 0958 ',
      address: { ...ADDRESS, line2: '  ', region: 'Westminster', country: 'gb' },
    });
    expect(updated).toEqual({
      id: user.id,
      email: email('update'),
      name: 'Customer update',
      phone: '+442079460958',
      address: { ...ADDRESS, line2: null, region: 'Westminster' },
    });
    const renamed = await account.update({ name: ' Renamed ' });
    expect(renamed).toEqual({ ...updated, name: 'Renamed' });
    expect(await account.get()).toEqual(renamed);
    expect(await (await browser.caller()).auth.me()).toMatchObject({ name: 'Renamed' });
    // null clears.
    expect(await account.update({ phone: null, address: null })).toMatchObject({
      phone: null,
      address: null,
    });
  });

  it('answers invalid fields with BAD_REQUEST naming them, and changes nothing', async () => {
    const { browser, user } = await customer('invalid');
    const update = (await browser.caller()).account.update as (input: unknown) => Promise<unknown>;
    await update({ phone: '+15555550100', address: ADDRESS });
    const before = await profileRow(user.id);
    const cases: [unknown, string[]][] = [
      [{ name: '' }, ['name']],
      [{ name: '   ' }, ['name']],
      [{ name: 'n'.repeat(101) }, ['name']],
      [{ phone: '12345678' }, ['phone']],
      [{ phone: '+123456' }, ['phone']],
      [{ phone: '+1234567890123456' }, ['phone']],
      [{ phone: '+44 (20) 7946' }, ['phone']],
      [{ name: 'Fine', phone: 'call me' }, ['phone']],
      [{ address: { ...ADDRESS, line1: '' } }, ['address']],
      [{ address: { ...ADDRESS, country: 'GBR' } }, ['address']],
      [{ address: { ...ADDRESS, country: 'G1' } }, ['address']],
      [{ address: { ...ADDRESS, postalCode: 'p'.repeat(21) } }, ['address']],
      [{ address: { ...ADDRESS, city: undefined } }, ['address']],
      [{ address: { ...ADDRESS, line2: 'l'.repeat(121) } }, ['address']],
      [{ address: { ...ADDRESS, planet: 'Earth' } }, ['address']],
      [{ email: email('other') }, []],
      [{ name: 42 }, ['name']],
    ];
    for (const [input, fields] of cases) {
      const error = await failure(update(input));
      expect(error.code, JSON.stringify(input)).toBe('BAD_REQUEST');
      expect(fieldsOf(error), JSON.stringify(input)).toEqual(fields);
    }
    expect(await profileRow(user.id)).toEqual(before);
  });

  it('is UNAUTHORIZED anonymous and FORBIDDEN to an admin (who has no profile)', async () => {
    const anonymous = (await new TestBrowser(deps).caller()).account;
    expect((await failure(anonymous.get())).code).toBe('UNAUTHORIZED');
    expect((await failure(anonymous.update({ name: 'x' }))).code).toBe('UNAUTHORIZED');
    const [{ id }] = (await handle.db
      .insert(users)
      .values({ email: email('admin'), name: 'Admin', passwordHash: 'x', role: 'admin' })
      .$returningId()) as [{ id: number }];
    const admin = new TestBrowser(deps);
    admin.token = (await createSession(handle.db, id)).token;
    const account = (await admin.caller()).account;
    expect((await failure(account.get())).code).toBe('FORBIDDEN');
    expect((await failure(account.update({ name: 'x' }))).code).toBe('FORBIDDEN');
  });
});

describe('account.changePassword', () => {
  it('disconnects the live sockets of every session it revokes, and only those', async () => {
    const disconnected: string[] = [];
    const live = { disconnectSession: (tokenHash: string) => disconnected.push(tokenHash) };
    const { browser: here, user } = await customer('livesockets');
    const others = [new TestBrowser(deps, '198.51.100.30'), new TestBrowser(deps, '198.51.100.31')];
    for (const other of others) {
      await (await other.caller()).auth.login({ email: email('livesockets'), password: PASSWORD });
    }
    const before = await handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    const hereToken = here.token!;
    const withLive = new TestBrowser({ ...deps, live }, here.clientAddress);
    withLive.token = hereToken;
    await (await withLive.caller()).account.changePassword({
      current: PASSWORD,
      next: 'another fresh passphrase',
    });
    const kept = await handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(kept).toHaveLength(1);
    expect(disconnected.sort()).toEqual(
      before
        .map((row) => row.tokenHash)
        .filter((hash) => hash !== kept[0]!.tokenHash)
        .sort(),
    );
    expect(disconnected).toHaveLength(2);
  });

  it('replaces the password and signs out every other session, keeping this one', async () => {
    const { browser: here, user } = await customer('change');
    const elsewhere = new TestBrowser(deps, '198.51.100.20');
    await (await elsewhere.caller()).auth.login({ email: email('change'), password: PASSWORD });
    expect(await (await elsewhere.caller()).auth.me()).toMatchObject({ id: user.id });

    const next = 'a brand new passphrase';
    expect(await (await here.caller()).account.changePassword({ current: PASSWORD, next })).toEqual(
      { revokedSessions: 1 },
    );

    expect(await (await here.caller()).auth.me()).toMatchObject({ id: user.id });
    expect(await (await elsewhere.caller()).auth.me()).toBeNull();
    expect(
      await handle.db.select().from(sessions).where(eq(sessions.userId, user.id)),
    ).toHaveLength(1);

    const login = (await new TestBrowser(deps, '198.51.100.21').caller()).auth.login;
    expect((await failure(login({ email: email('change'), password: PASSWORD }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect(await login({ email: email('change'), password: next })).toMatchObject({ id: user.id });
  });

  it('refuses a wrong current password with UNAUTHORIZED INVALID_CREDENTIALS, changing nothing', async () => {
    const { browser, user } = await customer('wrongcurrent');
    const other = new TestBrowser(deps, '198.51.100.30');
    await (await other.caller()).auth.login({ email: email('wrongcurrent'), password: PASSWORD });
    const before = await profileRow(user.id);
    const error = await failure(
      (await browser.caller()).account.changePassword({
        current: 'not my password',
        next: 'another passphrase',
      }),
    );
    expect(error.code).toBe('UNAUTHORIZED');
    expect((error.cause as DomainError).code).toBe('INVALID_CREDENTIALS');
    expect(await profileRow(user.id)).toEqual(before);
    // A wrong password is not a sign-out: this session and the other one both live on.
    expect(await (await browser.caller()).auth.me()).not.toBeNull();
    expect(await (await other.caller()).auth.me()).not.toBeNull();
  });

  it('limits wrong current passwords per account: the sixth try is refused, the right one too', async () => {
    const { browser, user } = await customer('guesser');
    const change = async (current: string) =>
      (await browser.caller()).account.changePassword({ current, next: 'a stolen-session pick' });
    for (let i = 0; i < 5; i++) {
      const error = await failure(change(`guess number ${i}`));
      expect((error.cause as DomainError).code).toBe('INVALID_CREDENTIALS');
    }
    const before = await profileRow(user.id);
    const error = await failure(change(PASSWORD));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.cause as DomainError).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect((error.cause as DomainError).details.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(await profileRow(user.id)).toEqual(before);
    // The limit is the account's: another customer changes theirs as usual.
    const { browser: other } = await customer('notguessed');
    expect(
      await (await other.caller()).account.changePassword({
        current: PASSWORD,
        next: 'a fresh passphrase here',
      }),
    ).toEqual({ revokedSessions: 0 });
  });

  it('refuses a guessable new password with WEAK_PASSWORD under `next`, changing nothing', async () => {
    const { browser, user } = await customer('weaknext');
    const before = await profileRow(user.id);
    const error = await failure(
      (await browser.caller()).account.changePassword({ current: PASSWORD, next: 'password12' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/too easy to guess: it is one of the most common passwords/);
    expect(error.cause as DomainError).toMatchObject({
      code: 'WEAK_PASSWORD',
      details: { field: 'next' },
    });
    expect(await profileRow(user.id)).toEqual(before);
  });

  it('refuses a new password that is too short, too long or unchanged with BAD_REQUEST', async () => {
    const { browser, user } = await customer('badnext');
    const change = (await browser.caller()).account.changePassword as (
      input: unknown,
    ) => Promise<unknown>;
    const before = await profileRow(user.id);
    for (const [input, fields] of [
      [{ current: PASSWORD, next: 'short' }, ['next']],
      [{ current: PASSWORD, next: 'x'.repeat(201) }, ['next']],
      [{ current: PASSWORD, next: PASSWORD }, ['next']],
      [{ current: PASSWORD }, ['next']],
      [{ current: PASSWORD, next: 'long enough now', also: 1 }, []],
    ] as const) {
      const error = await failure(change(input));
      expect(error.code).toBe('BAD_REQUEST');
      expect(fieldsOf(error)).toEqual(fields);
    }
    expect(await profileRow(user.id)).toEqual(before);
  });

  it('works for a password set before the length rule (the seeded admin has 8 characters)', async () => {
    const [{ id }] = (await handle.db
      .insert(users)
      .values({
        email: email('legacy'),
        name: 'Legacy',
        passwordHash: await hashPassword('eightchr'),
        role: 'customer',
      })
      .$returningId()) as [{ id: number }];
    await handle.db.insert(customers).values({ id });
    const browser = new TestBrowser(deps, '198.51.100.40');
    await (await browser.caller()).auth.login({ email: email('legacy'), password: 'eightchr' });
    await (await browser.caller()).account.changePassword({
      current: 'eightchr',
      next: 'now ten or more',
    });
    expect(await (await browser.caller()).auth.me()).toMatchObject({ id });
  });
});

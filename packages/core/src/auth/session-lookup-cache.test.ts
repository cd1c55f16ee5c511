import { describe, expect, it } from 'vitest';
import type { Session } from './session';
import { SessionCache } from './session-lookup-cache';

let clock = 1_000_000;
const now = () => clock;

function session(userId: number, hashChar: string, expiresInMs = 60_000): Session {
  return {
    userId,
    role: 'customer',
    email: `u${userId}@example.com`,
    name: `User ${userId}`,
    tokenHash: hashChar.repeat(64),
    expiresAt: new Date(clock + expiresInMs),
  };
}

function enabledCache(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const cache = new SessionCache({
    ttlMs: options.ttlMs ?? 10_000,
    maxEntries: options.maxEntries,
    now,
  });
  cache.enable();
  return cache;
}

const put = (cache: SessionCache, s: Session) =>
  cache.set(s.tokenHash, { session: s, lastSeenAt: new Date(clock) }, cache.mark());

describe('SessionCache', () => {
  it('answers a session within the TTL, and not after', () => {
    const cache = enabledCache({ ttlMs: 10_000 });
    const s = session(1, 'a');
    put(cache, s);
    expect(cache.get(s.tokenHash)?.session).toEqual(s);
    clock += 9_999;
    expect(cache.get(s.tokenHash)).toBeDefined();
    clock += 1;
    expect(cache.get(s.tokenHash)).toBeUndefined();
  });

  it('never answers a session past its own expiry, whatever the TTL', () => {
    const cache = enabledCache({ ttlMs: 60_000 });
    const s = session(1, 'b', 5_000);
    put(cache, s);
    clock += 5_000;
    expect(cache.get(s.tokenHash)).toBeUndefined();
  });

  it('answers and keeps nothing while disabled, and starts empty when enabled again', () => {
    const cache = new SessionCache({ ttlMs: 10_000, now });
    const s = session(1, 'c');
    put(cache, s);
    expect(cache.size).toBe(0);
    cache.enable();
    put(cache, s);
    expect(cache.get(s.tokenHash)).toBeDefined();
    cache.disable();
    expect(cache.get(s.tokenHash)).toBeUndefined();
    cache.enable();
    expect(cache.get(s.tokenHash)).toBeUndefined();
  });

  it('is off with a TTL of 0', () => {
    const cache = enabledCache({ ttlMs: 0 });
    put(cache, session(1, 'd'));
    expect(cache.enabled).toBe(false);
    expect(cache.get('d'.repeat(64))).toBeUndefined();
  });

  it('forgets by token hash and by user', () => {
    const cache = enabledCache();
    const [a, b, c] = [session(1, 'e'), session(1, 'f'), session(2, '0')];
    for (const s of [a, b, c]) put(cache, s);
    cache.forget({ tokenHashes: [a.tokenHash] });
    expect(cache.get(a.tokenHash)).toBeUndefined();
    expect(cache.get(b.tokenHash)).toBeDefined();
    cache.forget({ userIds: [1] });
    expect(cache.get(b.tokenHash)).toBeUndefined();
    expect(cache.get(c.tokenHash)).toBeDefined();
  });

  it('does not keep a lookup that raced a forget (read before the sign-out committed)', () => {
    const cache = enabledCache();
    const s = session(1, '1');
    const mark = cache.mark(); // the lookup starts reading the table...
    cache.forget({ tokenHashes: [s.tokenHash] }); // ...a sign-out lands meanwhile...
    cache.set(s.tokenHash, { session: s, lastSeenAt: new Date(clock) }, mark); // ...its stale row
    expect(cache.get(s.tokenHash)).toBeUndefined();
  });

  it('drops the oldest entries past maxEntries', () => {
    const cache = enabledCache({ maxEntries: 2 });
    const [a, b, c] = [session(1, '2'), session(2, '3'), session(3, '4')];
    for (const s of [a, b, c]) put(cache, s);
    expect(cache.size).toBe(2);
    expect(cache.get(a.tokenHash)).toBeUndefined();
    expect(cache.get(c.tokenHash)).toBeDefined();
  });
});

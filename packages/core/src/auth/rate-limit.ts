import { DomainError } from '@stockpulse/shared';
import type { Redis } from 'ioredis';
import { addressKey } from './client-address';
import { accountKey } from './known-devices';

/** The ioredis client, for packages that take one without depending on ioredis. */
export type { Redis as RedisClient } from 'ioredis';

export interface Limit {
  /** Sign-ins allowed before a delay applies (per account) or at all (per address)... */
  max: number;
  /**
   * ...in this many seconds. Per address, a fixed window from the first attempt; per
   * account, how long after the last attempt the count is forgotten.
   */
  windowSeconds: number;
}

export interface LoginLimits {
  perAccount: Limit;
  perAddress: Limit;
  /**
   * Past `perAccount.max`, each further try waits this long after the previous one, doubling
   * per try (capped at the account's window): a slow-down, not a lock. Default 30 s.
   */
  delaySeconds?: number;
}

/**
 * Five sign-ins per account (then 30 s, 60 s, 120 s… between tries, at most 15 minutes),
 * thirty per client address per 15 minutes.
 */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: { max: 5, windowSeconds: 15 * 60 },
  perAddress: { max: 30, windowSeconds: 15 * 60 },
  delaySeconds: 30,
};

/**
 * KEYS[1], the account's (or a known device's) hash {n, last}: past `max` tries, refuses
 * until `last + delay·2^(n-max)` (returns 1 and the wait). KEYS[2], the address's counter:
 * refuses at its max (returns 2 and its TTL). Otherwise counts this attempt in both and
 * returns 0. Counting before the password is checked makes a burst of parallel guesses
 * count every one; Redis's clock serves every server alike.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local max = tonumber(ARGV[1])
if n >= max then
  local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
  local delay = math.min(tonumber(ARGV[5]) * 2 ^ (n - max), tonumber(ARGV[2]))
  local wait = last + delay - now
  if wait > 0 then return {1, math.ceil(wait)} end
end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then
  return {2, redis.call('PTTL', KEYS[2])}
end
redis.call('HSET', KEYS[1], 'n', n + 1, 'last', now)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if redis.call('INCR', KEYS[2]) == 1 then
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
return {0, 0}`;

/** A success: the account (or device) starts afresh; the address gets its attempt back. */
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then
  redis.call('DECR', KEYS[2])
end
return 1`;

export interface LoginRateLimiterOptions {
  /** Every key starts with it, e.g. `sp:`. */
  prefix: string;
  limits?: LoginLimits | undefined;
  /** Redis down: the limiter lets the attempt through (fails open) and reports it here. */
  onUnavailable?: (error: unknown) => void;
}

/**
 * Sign-in attempts in Redis, after OWASP's Authentication Cheat Sheet: per account a
 * slow-down that doubles, never a lock (anyone could otherwise lock anyone out), and per
 * client address a cap. A known device (see known-devices.ts) counts against its own
 * slow-down instead of the account's, so guesses from elsewhere never keep the owner out.
 * Keys: `<prefix>:login:delay:account:<sha256(email)>`,
 * `<prefix>:login:delay:device:<device counter>` and `<prefix>:login:address:<ip>`.
 */
export class LoginRateLimiter {
  private readonly limits: LoginLimits;

  constructor(
    private readonly redis: Redis,
    private readonly options: LoginRateLimiterOptions,
  ) {
    this.limits = options.limits ?? DEFAULT_LOGIN_LIMITS;
  }

  private keys(email: string, address: string, device: string | undefined): [string, string] {
    const { prefix } = this.options;
    return [
      device
        ? `${prefix}:login:delay:device:${device}`
        : `${prefix}:login:delay:account:${accountKey(email)}`,
      `${prefix}:login:address:${addressKey(address)}`,
    ];
  }

  /**
   * Counts one attempt, or throws TOO_MANY_ATTEMPTS with `retryAfterSeconds`. `device`
   * is a known device's counter id (KnownDevices.counterId), absent for any other browser.
   */
  async acquire(email: string, address: string, device?: string): Promise<void> {
    const { perAccount, perAddress, delaySeconds = 30 } = this.limits;
    let result: [number, number];
    try {
      result = (await this.redis.eval(
        ACQUIRE,
        2,
        ...this.keys(email, address, device),
        perAccount.max,
        perAccount.windowSeconds * 1000,
        perAddress.max,
        perAddress.windowSeconds * 1000,
        delaySeconds * 1000,
      )) as [number, number];
    } catch (error) {
      this.options.onUnavailable?.(error);
      return;
    }
    const [which, waitMs] = result;
    if (which === 0) return;
    const window = which === 1 ? perAccount : perAddress;
    const retryAfterSeconds = waitMs > 0 ? Math.ceil(waitMs / 1000) : window.windowSeconds;
    throw new DomainError('TOO_MANY_ATTEMPTS', 'Too many sign-in attempts; try again later', {
      retryAfterSeconds,
    });
  }

  /** The attempt counted by `acquire` (with the same `device`) succeeded. */
  async succeeded(email: string, address: string, device?: string): Promise<void> {
    try {
      await this.redis.eval(SUCCEEDED, 2, ...this.keys(email, address, device));
    } catch (error) {
      this.options.onUnavailable?.(error);
    }
  }
}

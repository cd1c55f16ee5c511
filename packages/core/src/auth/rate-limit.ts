import { createHash } from 'node:crypto';
import { DomainError } from '@stockpulse/shared';
import type { Redis } from 'ioredis';

/** The ioredis client, for packages that take one without depending on ioredis. */
export type { Redis as RedisClient } from 'ioredis';

export interface Limit {
  /** Failed sign-ins allowed in one window... */
  max: number;
  /** ...of this many seconds (a fixed window, starting at the first failure). */
  windowSeconds: number;
}

export interface LoginLimits {
  perAccount: Limit;
  perAddress: Limit;
}

/** Five wrong passwords per account, thirty per client address, each per 15 minutes. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: { max: 5, windowSeconds: 15 * 60 },
  perAddress: { max: 30, windowSeconds: 15 * 60 },
};

/**
 * Refuses when either counter is at its limit (returns which, and its TTL); otherwise
 * counts this attempt in both, starting a window on a counter's first attempt. Counting
 * before the password is checked makes a burst of parallel guesses count every one.
 */
const ACQUIRE = `
for i = 1, 2 do
  local n = tonumber(redis.call('GET', KEYS[i]) or '0')
  if n >= tonumber(ARGV[i * 2 - 1]) then
    return {i, redis.call('PTTL', KEYS[i])}
  end
end
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[i * 2])
  end
end
return {0, 0}`;

/** A success: the account starts afresh; the address gets its attempt back. */
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then
  redis.call('DECR', KEYS[2])
end
return 1`;

export interface LoginRateLimiterOptions {
  /** Every key starts with it, e.g. `sp:`. */
  prefix: string;
  limits?: LoginLimits;
  /** Redis down: the limiter lets the attempt through (fails open) and reports it here. */
  onUnavailable?: (error: unknown) => void;
}

/**
 * Counts failed sign-ins in Redis per account and per client address (fixed windows).
 * Keys: `<prefix>:login:account:<sha256(email)>` (no address book in Redis) and
 * `<prefix>:login:address:<ip>`.
 */
export class LoginRateLimiter {
  private readonly limits: LoginLimits;

  constructor(
    private readonly redis: Redis,
    private readonly options: LoginRateLimiterOptions,
  ) {
    this.limits = options.limits ?? DEFAULT_LOGIN_LIMITS;
  }

  private keys(email: string, address: string): [string, string] {
    const account = createHash('sha256').update(email).digest('hex').slice(0, 32);
    return [
      `${this.options.prefix}:login:account:${account}`,
      `${this.options.prefix}:login:address:${address}`,
    ];
  }

  /** Counts one attempt, or throws TOO_MANY_ATTEMPTS with `retryAfterSeconds`. */
  async acquire(email: string, address: string): Promise<void> {
    const { perAccount, perAddress } = this.limits;
    let result: [number, number];
    try {
      result = (await this.redis.eval(
        ACQUIRE,
        2,
        ...this.keys(email, address),
        perAccount.max,
        perAccount.windowSeconds * 1000,
        perAddress.max,
        perAddress.windowSeconds * 1000,
      )) as [number, number];
    } catch (error) {
      this.options.onUnavailable?.(error);
      return;
    }
    const [which, ttlMs] = result;
    if (which === 0) return;
    const window = which === 1 ? perAccount : perAddress;
    const retryAfterSeconds = ttlMs > 0 ? Math.ceil(ttlMs / 1000) : window.windowSeconds;
    throw new DomainError('TOO_MANY_ATTEMPTS', 'Too many sign-in attempts; try again later', {
      retryAfterSeconds,
    });
  }

  /** The attempt counted by `acquire` succeeded. */
  async succeeded(email: string, address: string): Promise<void> {
    try {
      await this.redis.eval(SUCCEEDED, 2, ...this.keys(email, address));
    } catch (error) {
      this.options.onUnavailable?.(error);
    }
  }
}

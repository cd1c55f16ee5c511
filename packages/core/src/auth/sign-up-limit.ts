import { DomainError } from '@stockpulse/shared';
import type { Redis } from 'ioredis';

/** Ten sign-ups per client address per hour (env REGISTER_LIMIT on the server). */
export const DEFAULT_SIGN_UP_LIMIT = { max: 10, windowSeconds: 60 * 60 };

/**
 * Counts this attempt unless the address is at its limit; returns the window's PTTL when
 * refused, 0 when counted. A fixed window starting at the address's first sign-up.
 */
const ACQUIRE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then return ttl end
  redis.call('PEXPIRE', KEYS[1], ARGV[2]) -- never a window without an end
  return tonumber(ARGV[2])
end
if redis.call('INCR', KEYS[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

export interface SignUpLimiterOptions {
  /** Every key starts with it, e.g. `sp:`. */
  prefix: string;
  limit?: { max: number; windowSeconds: number };
  /** Redis down: the limiter lets the sign-up through (fails open) and reports it here. */
  onUnavailable?: (error: unknown) => void;
}

/**
 * Sign-ups per client address, in Redis (`<prefix>:signup:address:<ip>`). Every attempt
 * counts, an EMAIL_TAKEN one too: that answer tells whether an email has an account, so
 * this limit is what makes probing many emails slow (ten per address per hour).
 */
export class SignUpLimiter {
  private readonly limit: { max: number; windowSeconds: number };

  constructor(
    private readonly redis: Redis,
    private readonly options: SignUpLimiterOptions,
  ) {
    this.limit = options.limit ?? DEFAULT_SIGN_UP_LIMIT;
  }

  /** Counts one sign-up, or throws TOO_MANY_ATTEMPTS with `retryAfterSeconds` and `limit`. */
  async acquire(address: string): Promise<void> {
    const { max, windowSeconds } = this.limit;
    let ttlMs: number;
    try {
      ttlMs = (await this.redis.eval(
        ACQUIRE,
        1,
        `${this.options.prefix}:signup:address:${address}`,
        max,
        windowSeconds * 1000,
      )) as number;
    } catch (error) {
      this.options.onUnavailable?.(error);
      return;
    }
    if (ttlMs === 0) return;
    throw new DomainError(
      'TOO_MANY_ATTEMPTS',
      `Too many sign-ups from this address (at most ${max} per ${windowSeconds / 60} minutes); try again later`,
      { retryAfterSeconds: ttlMs > 0 ? Math.ceil(ttlMs / 1000) : windowSeconds, limit: max },
    );
  }
}

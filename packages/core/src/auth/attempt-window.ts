import { DomainError } from '@stockpulse/shared';
import type { Redis } from 'ioredis';

/** `max` attempts per `windowSeconds`: a fixed window from the first attempt. */
export interface AttemptWindow {
  max: number;
  windowSeconds: number;
}

/**
 * Counts this attempt unless the key is at its limit; returns the window's PTTL when
 * refused, 0 when counted. A window never lacks an end (a key without a TTL gets one).
 */
const COUNT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then return ttl end
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(ARGV[2])
end
if redis.call('INCR', KEYS[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/**
 * One attempt against `key`'s window, atomically (a burst of parallel attempts counts
 * every one): null when counted, or the seconds until the window ends when refused.
 */
export async function countAttempt(
  redis: Redis,
  key: string,
  window: AttemptWindow,
): Promise<number | null> {
  const ttlMs = (await redis.eval(
    COUNT,
    1,
    key,
    window.max,
    window.windowSeconds * 1000,
  )) as number;
  return ttlMs === 0 ? null : Math.ceil(ttlMs / 1000);
}

export interface WindowLimiterOptions {
  /** Each counter's key is this plus the id it counts, e.g. `sp::signup:address:`. */
  keyPrefix: string;
  limit: AttemptWindow;
  /** The refusal's message (TOO_MANY_ATTEMPTS, with `retryAfterSeconds` and `limit`). */
  refusal: string;
  /** Redis down: the attempt goes ahead unlimited (fails open) and is reported here. */
  onUnavailable?: ((error: unknown) => void) | undefined;
}

/** Attempts per id (an address, an account) in fixed windows, in Redis. */
export class WindowLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly options: WindowLimiterOptions,
  ) {}

  /** Counts one attempt, or throws TOO_MANY_ATTEMPTS with `retryAfterSeconds` and `limit`. */
  async acquire(id: string | number): Promise<void> {
    const { keyPrefix, limit, refusal } = this.options;
    let retryAfterSeconds: number | null;
    try {
      retryAfterSeconds = await countAttempt(this.redis, `${keyPrefix}${id}`, limit);
    } catch (error) {
      this.options.onUnavailable?.(error);
      return;
    }
    if (retryAfterSeconds === null) return;
    throw new DomainError('TOO_MANY_ATTEMPTS', refusal, { retryAfterSeconds, limit: limit.max });
  }

  /** The id's window starts afresh (a right password after wrong ones). */
  async reset(id: string | number): Promise<void> {
    try {
      await this.redis.del(`${this.options.keyPrefix}${id}`);
    } catch (error) {
      this.options.onUnavailable?.(error);
    }
  }
}

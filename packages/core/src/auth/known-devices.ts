import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** The cookie that marks a browser where an account signed in before. */
export const DEVICE_COOKIE = 'sp_device';

/** A device is remembered this long after its last successful sign-in. */
export const KNOWN_DEVICE_SECONDS = 90 * 24 * 60 * 60;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The key of an account in Redis: its email's hash (no address book in Redis). */
export const accountKey = (email: string) => sha256(email).slice(0, 32);

/**
 * Browsers where an account signed in, after OWASP's "device cookies": a random token in
 * an HttpOnly cookie, and in Redis the accounts that signed in with it
 * (`<prefix>:device:<sha256(token)>`, a set of account keys, forgotten after 90 days
 * without a sign-in). Sign-in gives a known device its own failure budget, so guesses
 * from elsewhere cannot lock the owner out. Redis losing the set only makes the device
 * unknown again: the ordinary limits apply.
 */
export class KnownDevices {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(token: string) {
    return `${this.prefix}:device:${sha256(token)}`;
  }

  /** Whether `account` signed in on the browser holding `token`; false when Redis is down. */
  async knows(token: string | undefined, account: string): Promise<boolean> {
    if (!token) return false;
    try {
      return (await this.redis.sismember(this.key(token), account)) === 1;
    } catch {
      return false;
    }
  }

  /**
   * After a successful sign-in: this browser is known to `account` from now on. Keeps the
   * browser's token when it has one (other accounts on it stay known); returns the token
   * for the cookie, or null when Redis is down (no cookie is worth setting then).
   */
  async remember(token: string | undefined, account: string): Promise<string | null> {
    const kept = token && /^[\w-]{43}$/.test(token) ? token : randomBytes(32).toString('base64url');
    try {
      await this.redis
        .multi()
        .sadd(this.key(kept), account)
        .expire(this.key(kept), KNOWN_DEVICE_SECONDS)
        .exec();
      return kept;
    } catch {
      return null;
    }
  }

  /** A known device's own failure counter for `account` (see LoginRateLimiter). */
  counterId(token: string, account: string): string {
    return `${sha256(token).slice(0, 32)}:${account}`;
  }
}

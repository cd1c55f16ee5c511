import type { Redis } from 'ioredis';
import { type AttemptWindow, WindowLimiter } from './attempt-window';

/** Ten sign-ups per client address per hour (env REGISTER_LIMIT on the server). */
export const DEFAULT_SIGN_UP_LIMIT: AttemptWindow = { max: 10, windowSeconds: 60 * 60 };

/**
 * Sign-ups per client address, in Redis (`<prefix>:signup:address:<ip>`). Every attempt
 * counts, an EMAIL_TAKEN one too: that answer tells whether an email has an account, so
 * this limit is what makes probing many emails slow (ten per address per hour).
 */
export function createSignUpLimiter(
  redis: Redis,
  options: {
    prefix: string;
    limit?: AttemptWindow | undefined;
    onUnavailable?: (error: unknown) => void;
  },
): WindowLimiter {
  const limit = options.limit ?? DEFAULT_SIGN_UP_LIMIT;
  return new WindowLimiter(redis, {
    keyPrefix: `${options.prefix}:signup:address:`,
    limit,
    refusal: `Too many sign-ups from this address (at most ${limit.max} per ${limit.windowSeconds / 60} minutes); try again later`,
    onUnavailable: options.onUnavailable,
  });
}

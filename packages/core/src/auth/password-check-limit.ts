import type { Redis } from 'ioredis';
import { type AttemptWindow, WindowLimiter } from './attempt-window';

/** Five wrong current passwords per account per 15 minutes, as for sign-in. */
export const DEFAULT_PASSWORD_CHECK_LIMIT: AttemptWindow = { max: 5, windowSeconds: 15 * 60 };

/**
 * Checks of the current password by a signed-in user (account.changePassword), per
 * account in Redis (`<prefix>:password-check:user:<id>`): without it a stolen session
 * could guess the password at argon2's pace. Counted before the check, reset by a right one.
 */
export function createPasswordCheckLimiter(
  redis: Redis,
  options: { prefix: string; onUnavailable?: (error: unknown) => void },
): WindowLimiter {
  return new WindowLimiter(redis, {
    keyPrefix: `${options.prefix}:password-check:user:`,
    limit: DEFAULT_PASSWORD_CHECK_LIMIT,
    refusal: 'Too many wrong current passwords; try again later',
    onUnavailable: options.onUnavailable,
  });
}

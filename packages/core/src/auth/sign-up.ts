import type { Database } from '@stockpulse/db';
import type { WindowLimiter } from './attempt-window';
import { addressKey } from './client-address';
import { assertStrongPassword } from './password-strength';
import type { SessionMeta } from './sessions';
import { registerCustomer, type SignedIn } from './sign-in';

/**
 * Sign-up: counted per client address first (before any argon2 work or database read),
 * then a guessable password is refused (BAD_REQUEST WEAK_PASSWORD), then the customer is
 * created and signed in. CONFLICT EMAIL_TAKEN for a known email.
 */
export async function signUp(
  deps: { db: Database; limiter: WindowLimiter },
  input: { email: string; password: string; name: string },
  meta: SessionMeta & { ip: string },
): Promise<SignedIn> {
  await deps.limiter.acquire(addressKey(meta.ip));
  assertStrongPassword(input.password, input, 'password');
  return registerCustomer(deps.db, input, meta);
}

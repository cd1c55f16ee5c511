import type { Database } from '@stockpulse/db';
import { customers, users } from '@stockpulse/db/schema';
import { DomainError, type UserRole } from '@stockpulse/shared';
import { eq } from 'drizzle-orm';
import { inTransaction, isDuplicateKey } from '../db/transaction';
import { accountKey, type KnownDevices } from './known-devices';
import { hashPassword, verifyPassword } from './password';
import type { LoginRateLimiter } from './rate-limit';
import { createSession, type NewSession, type SessionMeta } from './sessions';

export interface AuthUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
}

export interface SignedIn {
  user: AuthUser;
  session: NewSession;
  /** For the device cookie (see known-devices.ts); null when it could not be remembered. */
  deviceToken?: string | null;
}

/** Emails arrive trimmed and lowercased from the API's schema; core does it again, cheaply. */
const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Creates a customer (the `users` row and its `customers` profile sharing the id) and
 * signs them in, all in one transaction. An email already taken is CONFLICT EMAIL_TAKEN.
 */
export async function registerCustomer(
  db: Database,
  input: { email: string; password: string; name: string },
  meta: SessionMeta = {},
): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(db, async (tx) => {
      const [{ id }] = (await tx
        .insert(users)
        .values({ email, name: input.name, passwordHash, role: 'customer' })
        .$returningId()) as [{ id: number }];
      await tx.insert(customers).values({ id });
      const session = await createSession(tx, id, meta);
      return { user: { id, email, name: input.name, role: 'customer' as const }, session };
    });
  } catch (error) {
    if (isDuplicateKey(error)) {
      throw new DomainError('EMAIL_TAKEN', 'An account with this email already exists');
    }
    throw error;
  }
}

/**
 * Verified against when the email is unknown, so an unknown email costs the same argon2
 * time as a wrong password and timing does not tell which accounts exist.
 */
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => {
  dummyHash ??= hashPassword('no account has this password: it only burns time');
  return dummyHash;
};

const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS', 'Wrong email or password');

/** The user whose password this is, or INVALID_CREDENTIALS (one answer for both mistakes). */
export async function verifyCredentials(
  db: Database,
  input: { email: string; password: string },
): Promise<AuthUser> {
  const email = normaliseEmail(input.email);
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const ok = await verifyPassword(row?.passwordHash ?? (await getDummyHash()), input.password);
  if (!row || !ok) throw invalidCredentials();
  const { passwordHash: _, ...user } = row;
  return user;
}

/**
 * Sign-in: counted by the rate limiter (per account, or per known device, and per client
 * address) before the password is checked; a success resets that count, opens a session
 * and marks the browser as a known device of the account (`deviceToken`, for its cookie).
 */
export async function signIn(
  deps: { db: Database; limiter: LoginRateLimiter; devices: KnownDevices },
  input: { email: string; password: string },
  meta: SessionMeta & { ip: string; deviceToken?: string | undefined },
): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const account = accountKey(email);
  const { deviceToken } = meta;
  const device =
    deviceToken && (await deps.devices.knows(deviceToken, account))
      ? deps.devices.counterId(deviceToken, account)
      : undefined;
  await deps.limiter.acquire(email, meta.ip, device);
  const user = await verifyCredentials(deps.db, { email, password: input.password });
  await deps.limiter.succeeded(email, meta.ip, device);
  const session = await createSession(deps.db, user.id, meta);
  return { user, session, deviceToken: await deps.devices.remember(deviceToken, account) };
}

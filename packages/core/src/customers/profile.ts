import type { Database } from '@stockpulse/db';
import { customers, users } from '@stockpulse/db/schema';
import { type Address, DomainError } from '@stockpulse/shared';
import { eq } from 'drizzle-orm';
import type { WindowLimiter } from '../auth/attempt-window';
import { hashPassword, verifyPassword } from '../auth/password';
import { assertStrongPassword } from '../auth/password-strength';
import { revokeSessionsOfUser } from '../auth/sessions';
import { inTransaction } from '../db/transaction';

export interface Profile {
  id: number;
  /** The login; not editable (DESIGN §3). */
  email: string;
  name: string;
  phone: string | null;
  address: Address | null;
}

/** A customer's profile, or null when `userId` has none (an admin, or no such user). */
export async function getProfile(db: Database, userId: number): Promise<Profile | null> {
  const [row] = await db
    .select({ user: users, customer: customers })
    .from(users)
    .innerJoin(customers, eq(customers.id, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const { user, customer } = row;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    phone: customer.phone,
    address:
      customer.addressLine1 && customer.city && customer.postalCode && customer.country
        ? {
            line1: customer.addressLine1,
            line2: customer.addressLine2,
            city: customer.city,
            region: customer.region,
            postalCode: customer.postalCode,
            country: customer.country,
          }
        : null,
  };
}

export interface ProfileChanges {
  name?: string | undefined;
  /** null clears it. */
  phone?: string | null | undefined;
  /** null clears it; otherwise replaced whole. */
  address?: Address | null | undefined;
}

/**
 * Applies the given fields (already validated) in one transaction; returns the result,
 * or null when the user has no profile (an admin).
 */
export async function updateProfile(
  db: Database,
  userId: number,
  changes: ProfileChanges,
): Promise<Profile | null> {
  await inTransaction(db, async (tx) => {
    if (changes.name !== undefined) {
      await tx.update(users).set({ name: changes.name }).where(eq(users.id, userId));
    }
    const profile: Partial<typeof customers.$inferInsert> = {};
    if (changes.phone !== undefined) profile.phone = changes.phone;
    if (changes.address !== undefined) {
      const a = changes.address;
      Object.assign(profile, {
        addressLine1: a?.line1 ?? null,
        addressLine2: a?.line2 ?? null,
        city: a?.city ?? null,
        region: a?.region ?? null,
        postalCode: a?.postalCode ?? null,
        country: a?.country ?? null,
      });
    }
    if (Object.keys(profile).length > 0) {
      await tx.update(customers).set(profile).where(eq(customers.id, userId));
    }
  });
  return getProfile(db, userId);
}

/**
 * Replaces the password when `current` is right (else INVALID_CREDENTIALS) and signs the
 * user out of every other session; the one making the request (`keepTokenHash`) stays.
 * Each check of `current` counts against the account's limit (TOO_MANY_ATTEMPTS past it);
 * a guessable `next` is BAD_REQUEST WEAK_PASSWORD, checked once `current` is known right.
 */
export async function changePassword(
  deps: { db: Database; limiter: WindowLimiter },
  userId: number,
  input: { current: string; next: string; keepTokenHash: string },
): Promise<{ revokedSessions: number; revokedTokenHashes: string[] }> {
  const { db, limiter } = deps;
  await limiter.acquire(userId);
  const [row] = await db
    .select({ passwordHash: users.passwordHash, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || !(await verifyPassword(row.passwordHash, input.current))) {
    throw new DomainError('INVALID_CREDENTIALS', 'The current password is wrong');
  }
  await limiter.reset(userId);
  assertStrongPassword(input.next, row, 'next');
  const passwordHash = await hashPassword(input.next);
  const revokedSessions = await inTransaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    return revokeSessionsOfUser(tx, userId, input.keepTokenHash);
  });
  return { revokedSessions: revokedSessions.length, revokedTokenHashes: revokedSessions };
}

import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@stockpulse/db';
import { sessions, users } from '@stockpulse/db/schema';
import { and, eq, gt, inArray, lte, ne } from 'drizzle-orm';
import type { Tx } from '../db/transaction';
import type { Session } from './session';
import type { SessionCache } from './session-lookup-cache';

/** The cookie that carries the opaque session token (HttpOnly, SameSite=Lax; see apps/server). */
export const SESSION_COOKIE = 'sp_session';
const DAY_MS = 24 * 60 * 60 * 1000;
/** A session lives 30 days from its last refresh... */
export const SESSION_TTL_MS = 30 * DAY_MS;
/** ...and is refreshed (one UPDATE) at most once a day, not on every request. */
export const SESSION_REFRESH_AFTER_MS = DAY_MS;

export interface NewSession {
  /** Goes to the cookie and nowhere else; only its hash is stored. */
  token: string;
  tokenHash: string;
  expiresAt: Date;
}

export interface SessionMeta {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

/** 32 random bytes as base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const hashSessionToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** Opens a session for `userId`: a fresh random token, its hash stored with the expiry. */
export async function createSession(
  db: Database | Tx,
  userId: number,
  meta: SessionMeta = {},
  now = new Date(),
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashSessionToken(token);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    tokenHash,
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip?.slice(0, 45) ?? null,
    userAgent: meta.userAgent?.slice(0, 255) ?? null,
  });
  return { token, tokenHash, expiresAt };
}

export interface ResolvedSession {
  session: Session;
  /** Set when this lookup slid the expiry forward: the cookie should be sent again. */
  refreshed: boolean;
}

/**
 * The session a cookie's token names, or null (malformed, unknown, expired or revoked
 * token: all anonymous). One primary-key read joined to `users`, or none when `cache`
 * found it recently (see SessionCache); at most once a day per session, a second
 * statement slides the expiry forward.
 */
export async function resolveSession(
  db: Database,
  token: string | undefined | null,
  options: { cache?: SessionCache | undefined; now?: Date } = {},
): Promise<ResolvedSession | null> {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const now = options.now ?? new Date();
  const tokenHash = hashSessionToken(token);
  const cached = options.cache?.get(tokenHash);
  if (cached && now.getTime() - cached.lastSeenAt.getTime() < SESSION_REFRESH_AFTER_MS) {
    return { session: cached.session, refreshed: false };
  }
  const mark = options.cache?.mark() ?? 0;
  const [row] = await db
    .select({
      userId: sessions.userId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      role: users.role,
      email: users.email,
      name: users.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  const { lastSeenAt, ...rest } = row;
  const session: Session = { ...rest, tokenHash };
  if (now.getTime() - lastSeenAt.getTime() < SESSION_REFRESH_AFTER_MS) {
    options.cache?.set(tokenHash, { session, lastSeenAt }, mark);
    return { session, refreshed: false };
  }
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  // Guarded by the expiry: a session revoked or expired meanwhile is not revived.
  const [result] = await db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt })
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  if (result.affectedRows === 0) return null;
  options.cache?.set(tokenHash, { session: { ...session, expiresAt }, lastSeenAt: now }, mark);
  return { session: { ...session, expiresAt }, refreshed: true };
}

/** Signs one session out. */
export async function revokeSession(db: Database | Tx, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/**
 * Signs a user out everywhere, except (when given) the session making the request.
 * Returns how many sessions ended.
 */
export async function revokeSessionsOfUser(
  db: Database | Tx,
  userId: number,
  exceptTokenHash?: string,
): Promise<string[]> {
  const which =
    exceptTokenHash === undefined
      ? eq(sessions.userId, userId)
      : and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash));
  // The hashes go back to the caller, so the live layer can disconnect those sessions'
  // sockets too (a revoked session must stop hearing the customer's events).
  const revoked = await db.select({ tokenHash: sessions.tokenHash }).from(sessions).where(which);
  if (revoked.length > 0) await db.delete(sessions).where(which);
  return revoked.map((row) => row.tokenHash);
}

/** True while the session of this token hash exists and has not expired: one key read. */
export async function sessionIsLive(
  db: Database | Tx,
  tokenHash: string,
  now = new Date(),
): Promise<boolean> {
  const rows = await db
    .select({ tokenHash: sessions.tokenHash })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return rows.length > 0;
}

/**
 * Which of `tokenHashes` still belong to a live session: one indexed read per 500 hashes.
 * For the live layer's periodic check of its open sockets (expired or deleted sessions).
 */
export async function liveSessionHashes(
  db: Database,
  tokenHashes: readonly string[],
  now = new Date(),
): Promise<Set<string>> {
  const live = new Set<string>();
  for (let at = 0; at < tokenHashes.length; at += 500) {
    const rows = await db
      .select({ tokenHash: sessions.tokenHash })
      .from(sessions)
      .where(
        and(
          inArray(sessions.tokenHash, tokenHashes.slice(at, at + 500)),
          gt(sessions.expiresAt, now),
        ),
      );
    for (const row of rows) live.add(row.tokenHash);
  }
  return live;
}

/** Housekeeping for a periodic sweep: expired rows are already ignored by every read. */
export async function deleteExpiredSessions(db: Database, now = new Date()): Promise<number> {
  const [result] = await db.delete(sessions).where(lte(sessions.expiresAt, now));
  return result.affectedRows;
}

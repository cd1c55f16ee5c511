import type { UserRole } from '@stockpulse/shared';

/**
 * The signed-in user as every procedure sees it: what `resolveSession` (sessions.ts)
 * answers and the session lookup cache (session-lookup-cache.ts) keeps. Its own file, so
 * both depend on it and neither on the other's types.
 */
export interface Session {
  userId: number;
  role: UserRole;
  email: string;
  name: string;
  /** The key of the session row: SHA-256 of the cookie's token, hex. */
  tokenHash: string;
  expiresAt: Date;
}

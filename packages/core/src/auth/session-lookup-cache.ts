import type { Session } from './session';

/** What a session lookup found, as `resolveSession` keeps it. */
export interface CachedSession {
  session: Session;
  /** When the row's expiry last slid forward: past a day, the lookup goes to the table. */
  lastSeenAt: Date;
}

export interface SessionCacheOptions {
  /** How long a found session is answered from memory; the backstop for a missed message. */
  ttlMs: number;
  /** Oldest entries go first past this. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry extends CachedSession {
  until: number;
}

/**
 * Sessions found recently, by token hash, so that a signed-in request does not read the
 * `sessions` table every time (the lookup was a sixth statement per checkout, after placement's five).
 *
 * It is only as good as its invalidation: whoever ends a session or changes what a session
 * carries (the user's name) calls `forget` here and on every other server process (see
 * apps/server/src/session-cache-invalidation.ts, which does both over Redis). While that
 * channel is down the owner calls `disable()`: nothing is answered from memory until
 * `enable()`, which starts empty, so a message missed meanwhile cannot keep a dead session
 * alive. Expiry is checked on every hit.
 */
export class SessionCache {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** Insertion order is age order: a re-set entry moves to the end. */
  readonly #entries = new Map<string, Entry>();
  #enabled = false;
  /** Bumped by every forget, enable and disable: see `mark`. */
  #epoch = 0;

  constructor(options: SessionCacheOptions) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries ?? 50_000;
    this.#now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.#enabled && this.#ttlMs > 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  enable(): void {
    this.#epoch += 1;
    this.#entries.clear();
    this.#enabled = true;
  }

  disable(): void {
    this.#epoch += 1;
    this.#enabled = false;
    this.#entries.clear();
  }

  /**
   * Taken before reading a session from the table and handed to `set`: a lookup that raced
   * a `forget` (the row read just before a sign-out committed) is then not kept.
   */
  mark(): number {
    return this.#epoch;
  }

  /** The session of this hash if it was found within the TTL and has not expired. */
  get(tokenHash: string): CachedSession | undefined {
    if (!this.enabled) return undefined;
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    const now = this.#now();
    if (entry.until <= now || entry.session.expiresAt.getTime() <= now) {
      this.#entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  set(tokenHash: string, found: CachedSession, mark: number): void {
    if (!this.enabled || mark !== this.#epoch) return;
    this.#entries.delete(tokenHash);
    this.#entries.set(tokenHash, { ...found, until: this.#now() + this.#ttlMs });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** Drops the named sessions, and every session of the named users. */
  forget(which: SessionsToForget): void {
    this.#epoch += 1;
    for (const tokenHash of which.tokenHashes ?? []) this.#entries.delete(tokenHash);
    const users = new Set(which.userIds ?? []);
    if (users.size === 0) return;
    for (const [tokenHash, entry] of this.#entries) {
      if (users.has(entry.session.userId)) this.#entries.delete(tokenHash);
    }
  }
}

/** Sessions that ended (by token hash), or users whose sessions carry stale facts. */
export interface SessionsToForget {
  tokenHashes?: readonly string[];
  userIds?: readonly number[];
}

/** The Redis channel on which every server process hears `SessionsToForget` (JSON). */
export const forgetSessionsChannel = (prefix: string) => `${prefix}:sessions:forget`;

import { setTimeout as sleep } from 'node:timers/promises';

/**
 * MySQL's answers that mean "not now" rather than "no": the server is full, and frees
 * connections as its clients finish. Everything else (a wrong password, an unknown
 * database) fails at once, since waiting would not change it.
 */
export const BUSY_MYSQL_ERRORS: ReadonlyMap<number, string> = new Map([
  [1040, 'Too many connections'],
  [1203, 'too many connections for this user (max_user_connections)'],
  [1226, 'this user reached a resource limit (max_user_connections)'],
]);

/** The driver's error number, looking through wrappers' `cause`. */
function errnoOf(error: unknown): number | undefined {
  for (
    let e = error as { errno?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (typeof e.errno === 'number') return e.errno;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** `"Too many connections" (errno 1040)` when `error` is one of BUSY_MYSQL_ERRORS, else null. */
export function busyMysqlReason(error: unknown): string | null {
  const errno = errnoOf(error);
  const reason = errno === undefined ? undefined : BUSY_MYSQL_ERRORS.get(errno);
  return reason === undefined ? null : `"${reason}" (errno ${errno})`;
}

export interface StartupRetryOptions {
  /** Told of every retry and why. */
  say: (line: string) => void;
  /** How long to keep trying, from the first failure; then the last error is thrown. */
  giveUpAfterMs?: number;
  /** The first wait; each next one doubles, up to `maxDelayMs`, with up to 20 % jitter. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Why `error` is worth waiting out, or null to throw it at once. */
  retryable?: (error: unknown) => string | null;
}

export const STARTUP_RETRY_DEFAULTS = {
  giveUpAfterMs: 60_000,
  firstDelayMs: 500,
  maxDelayMs: 8_000,
};

/**
 * Runs `run` (`what` names it for the operator), and again with exponential backoff while
 * it fails for a reason `retryable` names: a MySQL that is full at start-up (`npm start`
 * next to other clients of a shared server) is waited out, saying so each time, instead of
 * stopping the whole start. `run` must be safe to repeat.
 */
export async function retryWhileBusy<T>(
  what: string,
  run: () => Promise<T>,
  options: StartupRetryOptions,
): Promise<T> {
  const { giveUpAfterMs, firstDelayMs, maxDelayMs } = { ...STARTUP_RETRY_DEFAULTS, ...options };
  const retryable = options.retryable ?? busyMysqlReason;
  let firstFailure: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await run();
      if (attempt > 1) options.say(`${what}: succeeded on attempt ${attempt}`);
      return result;
    } catch (error) {
      const reason = retryable(error);
      if (reason === null) throw error;
      firstFailure ??= Date.now();
      const waited = Date.now() - firstFailure;
      if (waited >= giveUpAfterMs) {
        throw new Error(
          `${what}: MySQL still answers ${reason} after ${(waited / 1000).toFixed(0)} s and ${attempt} attempts; free connections on that server (or raise its max_connections) and start again`,
          { cause: error },
        );
      }
      const backoff = Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1));
      const delay = Math.min(backoff * (1 + Math.random() * 0.2), giveUpAfterMs - waited);
      options.say(
        `${what}: MySQL answers ${reason}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1}, giving up ${((giveUpAfterMs - waited) / 1000).toFixed(0)} s from now)`,
      );
      await sleep(delay);
    }
  }
}

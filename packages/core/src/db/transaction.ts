import type { Database } from '@stockpulse/db';

/** MySQL error numbers worth retrying: the transaction lost a race, not a rule. */
const DEADLOCK = 1213;
const LOCK_WAIT_TIMEOUT = 1205;

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The driver's error number, looking through drizzle's DrizzleQueryError wrapper. */
export function mysqlErrno(error: unknown): number | undefined {
  for (let e = error as { errno?: unknown; cause?: unknown } | undefined; e; ) {
    if (typeof e.errno === 'number') return e.errno;
    e = e.cause as typeof e;
  }
  return undefined;
}

export const isDuplicateKey = (error: unknown) => mysqlErrno(error) === 1062;

/** What runs once a transaction has committed, with the database it committed on. */
export type CommitHook = (db: Database) => void;

/** The hooks each open transaction asked for, by transaction. */
const commitHooks = new WeakMap<Tx, Set<CommitHook>>();

/**
 * Asks for `hook(db)` once `tx` has committed: never after a rollback (nor after an
 * attempt that lost a race and ran again), and once per hook however often it is asked.
 * The outbox writer uses it to wake the relays. `inTransaction` runs the hooks; a
 * transaction opened any other way (`db.transaction` itself) drops them. A hook must not
 * throw: the commit has happened.
 */
export function afterCommit(tx: Tx, hook: CommitHook): void {
  let hooks = commitHooks.get(tx);
  if (!hooks) {
    hooks = new Set();
    commitHooks.set(tx, hooks);
  }
  hooks.add(hook);
}

/**
 * Runs `work` in one transaction, retrying it from the start when MySQL picks it as a
 * deadlock victim or a lock wait times out (DESIGN §4): callers never see either.
 * `work` must therefore be safe to run again: no side effects outside the transaction
 * (what must follow the commit, such as waking the outbox relays, asks `afterCommit`).
 */
export function inTransaction<T>(
  db: Database,
  work: (tx: Tx) => Promise<T>,
  options: { attempts?: number } = {},
): Promise<T> {
  return retryingLostRaces(async () => {
    let opened: Tx | undefined;
    const result = await db.transaction((tx) => {
      opened = tx;
      return work(tx);
    });
    const hooks = opened && commitHooks.get(opened);
    if (hooks) for (const hook of hooks) hook(db);
    return result;
  }, options.attempts);
}

/**
 * Runs `run` again from the start when MySQL picked its transaction as a deadlock victim
 * or a lock wait timed out, up to `attempts` times in all, with jittered backoff.
 */
export async function retryingLostRaces<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const errno = mysqlErrno(error);
      const retryable = errno === DEADLOCK || errno === LOCK_WAIT_TIMEOUT;
      if (!retryable || attempt >= attempts) throw error;
      // Jittered backoff so the same two transactions do not collide again in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/**
 * When a supervised app that crashed is started again: at once-ish, then slower, and not
 * at all once it keeps crashing (a bug or a bad config that no restart fixes; better to
 * stop and show why than to loop).
 */
export interface RestartPolicy {
  /** This many crashes within `windowMs` and the child is not started again. */
  maxCrashes: number;
  windowMs: number;
  /** The wait before the first restart; it doubles with each crash in the window. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxCrashes: 5,
  windowMs: 60_000,
  firstDelayMs: 500,
  maxDelayMs: 10_000,
};

/** One child's crashes within the policy's window. */
export class CrashHistory {
  private times: number[] = [];

  constructor(readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY) {}

  /**
   * Records a crash at `now`: how many there were within the window (this one included),
   * and how long to wait before the restart, or null when that is one too many.
   */
  crashed(now = Date.now()): { crashes: number; restartInMs: number | null } {
    const { maxCrashes, windowMs, firstDelayMs, maxDelayMs } = this.policy;
    this.times = this.times.filter((at) => now - at < windowMs);
    this.times.push(now);
    const crashes = this.times.length;
    if (crashes >= maxCrashes) return { crashes, restartInMs: null };
    return { crashes, restartInMs: Math.min(maxDelayMs, firstDelayMs * 2 ** (crashes - 1)) };
  }
}

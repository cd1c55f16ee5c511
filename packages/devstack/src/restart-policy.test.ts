import { describe, expect, it } from 'vitest';
import { CrashHistory } from './restart-policy';

describe('CrashHistory', () => {
  it('restarts after 0.5, 1, 2, 4 s and gives up at the fifth crash within a minute', () => {
    const history = new CrashHistory();
    const at = (s: number) => history.crashed(1_000_000 + s * 1_000);
    expect([at(0), at(1), at(3), at(7), at(15)]).toEqual([
      { crashes: 1, restartInMs: 500 },
      { crashes: 2, restartInMs: 1_000 },
      { crashes: 3, restartInMs: 2_000 },
      { crashes: 4, restartInMs: 4_000 },
      { crashes: 5, restartInMs: null },
    ]);
  });

  it('forgets crashes older than the window, and caps the delay', () => {
    const history = new CrashHistory({
      maxCrashes: 3,
      windowMs: 10_000,
      firstDelayMs: 400,
      maxDelayMs: 500,
    });
    expect(history.crashed(0)).toEqual({ crashes: 1, restartInMs: 400 });
    expect(history.crashed(5_000)).toEqual({ crashes: 2, restartInMs: 500 });
    // The first crash is out of the window: two, not three.
    expect(history.crashed(12_000)).toEqual({ crashes: 2, restartInMs: 500 });
    expect(history.crashed(13_000)).toEqual({ crashes: 3, restartInMs: null });
  });
});

import { describe, expect, it } from 'vitest';
import { runMain } from './main';

function recording() {
  const lines: [string, string][] = [];
  const line = (level: string) => (_details: object, message: string) =>
    void lines.push([level, message]);
  return { lines, logger: { info: line('info'), error: line('error'), fatal: line('fatal') } };
}

describe('runMain', () => {
  it('on a failed start, logs it as fatal, closes what was opened (last first) and exits 1', async () => {
    const { lines, logger } = recording();
    const closed: string[] = [];
    let exitCode: number | undefined;
    await runMain(
      async (main) => {
        main.onShutdown(() => closed.push('database'));
        main.onShutdown(async () => closed.push('redis'));
        throw new Error('MySQL does not answer');
      },
      { logger, signals: [], exit: (code) => (exitCode = code) },
    );
    expect(closed).toEqual(['redis', 'database']);
    expect(exitCode).toBe(1);
    expect(lines).toEqual([
      ['fatal', 'MySQL does not answer'],
      ['info', 'shutting down'],
      ['info', 'stopped'],
    ]);
  });

  it('exits 1 when a closer fails, after running the others', async () => {
    const { lines, logger } = recording();
    const closed: string[] = [];
    let exitCode: number | undefined;
    await runMain(
      async (main) => {
        main.onShutdown(() => closed.push('database'));
        main.onShutdown(() => {
          throw new Error('stuck');
        });
        throw new Error('could not listen');
      },
      { logger, signals: [], exit: (code) => (exitCode = code) },
    );
    expect(closed).toEqual(['database']);
    expect(exitCode).toBe(1);
    expect(lines).toContainEqual(['error', 'shutdown failed']);
  });

  it('runs a start that succeeds without exiting', async () => {
    const { lines, logger } = recording();
    let exited = false;
    await runMain(async () => {}, { logger, signals: [], exit: () => (exited = true) });
    expect(exited).toBe(false);
    expect(lines).toEqual([]);
  });
});

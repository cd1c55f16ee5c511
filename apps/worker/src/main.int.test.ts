import { fileURLToPath } from 'node:url';
import { eventually, exitOf, spawnMain } from '@stockpulse/devstack';
import { describe, expect, inject, it } from 'vitest';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const startMain = (env: Record<string, string>) => spawnMain(main, env);

describe('worker main', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'connects, stays up, and exits 0 promptly on %s',
    async (signal) => {
      const { child, output } = startMain({
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: inject('redisUrl'),
      });
      try {
        await eventually(
          'the ready line',
          () => output().stdout.includes('worker ready') || undefined,
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(child.exitCode).toBeNull();

        const started = Date.now();
        child.kill(signal);
        expect(await exitOf(child)).toBe(0);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(output().stdout).toMatch(/"msg":"stopped"/);
      } finally {
        child.kill('SIGKILL');
      }
    },
  );

  it('refuses to start on a bad variable, naming it', async () => {
    const { child, output } = startMain({ REDIS_URL: 'nope' });
    expect(await exitOf(child)).toBe(1);
    expect(output().stderr).toMatch(/REDIS_URL: /);
  });

  it('exits 1 when MySQL does not answer', async () => {
    const { child, output } = startMain({
      DATABASE_URL: 'mysql://root@127.0.0.1:1/nothing',
      REDIS_URL: inject('redisUrl'),
    });
    expect(await exitOf(child)).toBe(1);
    expect(output().stdout).toMatch(/MySQL does not answer/);
  });
});

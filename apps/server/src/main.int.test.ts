import { fileURLToPath } from 'node:url';
import { eventually, exitOf, spawnMain } from '@stockpulse/devstack';
import { describe, expect, inject, it } from 'vitest';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const startMain = (env: Record<string, string>) => spawnMain(main, env);

describe('server main', () => {
  it('listens, serves, and exits 0 promptly on SIGTERM', async () => {
    const { child, output } = startMain({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      LOG_LEVEL: 'info',
    });
    try {
      const url = await eventually(
        'the listening line',
        () => /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output().stdout)?.[1],
      );
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // Readiness may trail the listening line by the time Redis takes to connect.
      const ready = await eventually(
        'readiness',
        async () => {
          const response = await fetch(`${url}/readyz`);
          return response.ok ? response.json() : undefined;
        },
        5_000,
      );
      expect(ready).toEqual({ mysql: 'ok', redis: 'ok' });
      // One start-up summary at INFO, and the requests above wrote no INFO line.
      const lines = output()
        .stdout.split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string; url?: string });
      expect(lines.filter((line) => line.msg.startsWith('ready: '))).toEqual([
        expect.objectContaining({
          level: 30,
          msg: `ready: storefront ${url}/, admin ${url}/admin; requests log at debug (LOG_LEVEL=info)`,
        }),
      ]);
      const requestLine = (line: { msg: string; url?: string }) =>
        line.url !== undefined || /^(incoming request|request completed|request)$/.test(line.msg);
      expect(lines.filter(requestLine)).toEqual([]);

      const started = Date.now();
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(output().stdout).toMatch(/"msg":"stopped"/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses to start on a bad variable, naming it', async () => {
    const { child, output } = startMain({ PORT: 'abc', DATABASE_URL: 'nope' });
    expect(await exitOf(child)).toBe(1);
    expect(output().stderr).toMatch(/PORT: /);
    expect(output().stderr).toMatch(/DATABASE_URL: /);
  });
});

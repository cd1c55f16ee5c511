import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { probeRedis } from './probes';
import { isAlive } from './processes';
import { startRedis } from './redis-server';

describe('startRedis', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-redis-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts a private redis-server that keeps data, then stops it', async () => {
    const server = await startRedis({ dataDir });
    try {
      expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
      const redis = new Redis(server.url);
      try {
        await redis.set('greeting', 'hello');
        expect(await redis.get('greeting')).toBe('hello');
        expect(await redis.config('GET', 'maxmemory-policy')).toEqual([
          'maxmemory-policy',
          'noeviction',
        ]);
        expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      } finally {
        redis.disconnect();
      }
    } finally {
      await server.stop();
    }
    expect(isAlive(server.pid)).toBe(false);
    expect(await probeRedis(server.url)).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('takes over a server a killed run left behind instead of starting a second one', async () => {
    const first = await startRedis({ dataDir });
    // The first run "dies" without stopping it; the next run finds it through the data dir.
    const second = await startRedis({ dataDir });
    try {
      expect(second.pid).toBe(first.pid);
      expect([first.reused, second.reused]).toEqual([false, true]);
      expect(second.port).toBe(first.port);
    } finally {
      await second.stop();
    }
    expect(isAlive(first.pid)).toBe(false);
  });

  it('reports the log when redis-server cannot start', async () => {
    const taken = await startRedis({ dataDir: join(dataDir, 'a') });
    try {
      await expect(startRedis({ dataDir: join(dataDir, 'b'), port: taken.port })).rejects.toThrow(
        /redis-server on port \d+ exited[\s\S]*redis\.log/,
      );
    } finally {
      await taken.stop();
    }
  });
});

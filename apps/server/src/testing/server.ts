// Test helper (not part of the bundle): the real server on a free port, for tests.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MediaStore, openMediaStore } from '@stockpulse/core/media';
import type { Database } from '@stockpulse/db';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { inject } from 'vitest';
import type { FrontDirs } from '../fronts';
import type { LiveOptions } from '../live';
import { buildServer } from '../server';

/** A folder store in a new temporary folder (the test server's default). */
export async function temporaryMediaStore(): Promise<MediaStore> {
  return openMediaStore({ kind: 'local', dir: await mkdtemp(join(tmpdir(), 'stockpulse-media-')) });
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(deps: {
  db: Database;
  redis: Redis;
  fronts?: FrontDirs;
  readinessTimeoutMs?: number;
  redisPrefix?: string;
  trustProxy?: boolean | number | string;
  live?: LiveOptions;
  sessionCacheMs?: number;
  maxBatchCalls?: number;
  /** Default here: plenty, as test files register many customers from 127.0.0.1. */
  registerLimit?: number;
  metricsAllow?: readonly string[];
  /** Default: a folder store in a new temporary folder. */
  media?: MediaStore;
}): Promise<RunningServer> {
  const media = deps.media ?? (await temporaryMediaStore());
  const app = await buildServer({
    logger: pino({ level: 'silent' }),
    fronts: { storefront: null, admin: null },
    // This run's own keys (the vitest global setup's prefix).
    redisPrefix: `${inject('redisPrefix')}:server:`,
    registerLimit: 10_000,
    ...deps,
    media,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

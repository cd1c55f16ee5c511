import { Writable } from 'node:stream';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import { createRedis } from '@stockpulse/runtime';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PRODUCER_REDIS_OPTIONS } from './redis';
import { buildServer } from './server';
import { temporaryMediaStore } from './testing';

interface LogLine {
  level: number;
  msg: string;
  statusCode?: number;
  url?: string;
}

/** A pino logger at `level` whose JSON lines land in `lines`. */
function capturingLogger(level: string) {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(text));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

const INFO = 30;
const WARN = 40;

describe('request logging', () => {
  let database: DatabaseHandle;
  let redis: Redis;

  beforeAll(async () => {
    database = connect(inject('databaseUrl'));
    redis = createRedis(inject('redisUrl'), {
      name: 'server',
      logger: pino({ level: 'silent' }),
      ...PRODUCER_REDIS_OPTIONS,
    });
  });
  afterAll(async () => {
    redis.disconnect();
    await database.close();
  });

  async function serverLogging(level: string) {
    const { logger, lines } = capturingLogger(level);
    const app = await buildServer({
      db: database.db,
      redis,
      logger,
      fronts: { storefront: null, admin: null },
      redisPrefix: `${inject('redisPrefix')}:request-log:`,
      media: await temporaryMediaStore(),
    });
    return { app, lines };
  }

  it('a normal request writes no INFO line at the default level', async () => {
    const { app, lines } = await serverLogging('info');
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    await app.close();
    expect(lines.filter((line) => line.url === '/healthz' || /request/.test(line.msg))).toEqual([]);
    expect(lines.filter((line) => line.level === INFO)).toEqual([]);
  });

  it('the same request logs one debug line when LOG_LEVEL=debug', async () => {
    const { app, lines } = await serverLogging('debug');
    await app.inject('/healthz');
    await app.close();
    const requestLines = lines.filter((line) => line.url === '/healthz');
    expect(requestLines).toEqual([
      expect.objectContaining({ level: 20, msg: 'request', statusCode: 200 }),
    ]);
  });

  it('a failing request still shows at warn', async () => {
    const { app, lines } = await serverLogging('info');
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    await app.inject('/boom');
    await app.close();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: WARN, msg: 'request failed', statusCode: 500 }),
    );
  });
});

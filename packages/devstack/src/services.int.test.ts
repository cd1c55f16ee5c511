import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { probeMysql, probeRedis } from './probes';
import { freePort, isAlive } from './processes';
import { findOrStartServices } from './services';

describe('findOrStartServices', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-services-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const noDocker = async () => false;

  async function deadUrls() {
    const [mysqlPort, redisPort] = [await freePort(), await freePort()];
    return {
      databaseUrl: `mysql://root@127.0.0.1:${mysqlPort}/stockpulse`,
      redisUrl: `redis://localhost:${redisPort}`,
    };
  }

  it('uses servers that answer and stops nothing', async () => {
    const services = await findOrStartServices({
      databaseUrl: inject('databaseUrl'),
      redisUrl: inject('redisUrl'),
      dataDir,
      dockerAvailable: noDocker,
    });
    expect(services.started).toEqual({ mysql: 'found', redis: 'found' });
    expect(services.databaseUrl).toBe(inject('databaseUrl'));
    await services.stop();
    expect(await probeMysql(services.databaseUrl)).toEqual({ ok: true });
    expect(await probeRedis(services.redisUrl)).toEqual({ ok: true });
  });

  it('starts private servers for local URLs nobody answers, and stop() stops them', async () => {
    const lines: string[] = [];
    const services = await findOrStartServices({
      ...(await deadUrls()),
      dataDir,
      dockerAvailable: noDocker,
      log: (line) => lines.push(line),
    });
    try {
      expect(services.started).toEqual({ mysql: 'private', redis: 'private' });
      expect(services.databaseUrl).toMatch(/^mysql:\/\/root@127\.0\.0\.1:\d+\/stockpulse$/);
      expect(lines.join('\n')).toMatch(/started a private (MariaDB|MySQL)/);
      const connection = await mysql.createConnection({
        uri: services.databaseUrl.replace(/stockpulse$/, ''),
      });
      await connection.end();
      expect(await probeRedis(services.redisUrl)).toEqual({ ok: true });
    } finally {
      await services.stop();
    }
    expect(await probeMysql(services.databaseUrl)).toMatchObject({ reason: 'unreachable' });
    expect(await probeRedis(services.redisUrl)).toMatchObject({ reason: 'unreachable' });
  });

  it('says what to install when there are no binaries and no Docker', async () => {
    const attempt = findOrStartServices({
      ...(await deadUrls()),
      dataDir,
      binDirs: [join(dataDir, 'empty-bin')],
      dockerAvailable: noDocker,
    });
    await expect(attempt).rejects.toThrow(/sudo apt-get install mariadb-server redis-server/);
    await expect(attempt).rejects.toThrow(/brew install mariadb redis/);
    await expect(attempt).rejects.toThrow(/DATABASE_URL \/ REDIS_URL/);
  });

  it('never starts a server for a URL that points at another machine', async () => {
    const attempt = findOrStartServices({
      databaseUrl: 'mysql://root@db.invalid:3306/stockpulse',
      redisUrl: inject('redisUrl'),
      dataDir,
      dockerAvailable: noDocker,
    });
    await expect(attempt).rejects.toThrow(
      /MySQL at mysql:\/\/root@db\.invalid:3306\/stockpulse \(DATABASE_URL\) does not answer/,
    );
  });

  it('fails on a server that answers but refuses, naming the variable', async () => {
    const url = new URL(inject('databaseUrl'));
    url.username = 'nobody_here';
    url.password = 'wrong';
    const attempt = findOrStartServices({
      databaseUrl: url.toString(),
      redisUrl: inject('redisUrl'),
      dataDir,
      dockerAvailable: noDocker,
    });
    await expect(attempt).rejects.toThrow(/\(DATABASE_URL\) answered but refused: Access denied/);
    expect(isAlive(process.pid)).toBe(true);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '@stockpulse/db';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findOrStartServices } from './services';
import { eventually } from './spawn-main';
import { retryWhileBusy } from './startup-retry';
import { testDatabaseName, withDatabase } from './test-database';

// A real server that is full for one user: MAX_USER_CONNECTIONS makes MariaDB and MySQL
// refuse a connection in its handshake (errno 1226 or 1203), exactly where a server at
// max_connections answers 1040 — without filling the shared test server for everyone.
const LIMIT = 2;
const user = `sp_busy_${randomBytes(3).toString('hex')}`;
const password = randomBytes(9).toString('hex');
const database = testDatabaseName();
let root: mysql.Connection;
let userUrl: string;

beforeAll(async () => {
  root = await mysql.createConnection({ uri: withDatabase(inject('databaseUrl'), 'mysql') });
  await root.query(`CREATE USER ?@'%' IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS ${LIMIT}`, [
    user,
    password,
  ]);
  // Empty, as a DBA hands it over; migrate fills it.
  await root.query(`CREATE DATABASE \`${database}\``);
  await root.query(`GRANT ALL ON \`${database}\`.* TO ?@'%'`, [user]);
  const url = new URL(withDatabase(inject('databaseUrl'), database));
  url.username = user;
  url.password = password;
  userUrl = url.toString();
});
afterAll(async () => {
  await root.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await root.query(`DROP USER IF EXISTS ?@'%'`, [user]);
  await root.end();
});

/** Takes every connection the user may have; `release` gives them back. */
async function fillUp() {
  const held = await Promise.all(
    Array.from({ length: LIMIT }, () => mysql.createConnection({ uri: userUrl })),
  );
  return { release: () => Promise.all(held.map((c) => c.end())) };
}

describe('start-up against a MySQL that is full', () => {
  it('finds the server once it has room, saying why it waits', async () => {
    const full = await fillUp();
    const said: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'sp-busy-'));
    try {
      const finding = findOrStartServices({
        databaseUrl: userUrl,
        redisUrl: inject('redisUrl'),
        dataDir,
        dockerAvailable: async () => false,
        log: (line) => said.push(line),
      });
      await eventually('a retry said', async () =>
        said.some((line) => line.includes('retrying in')) ? true : undefined,
      );
      await full.release();
      const services = await finding;
      expect(services.started).toEqual({ mysql: 'found', redis: 'found' });
      expect(said.find((line) => line.includes('retrying in'))).toContain('max_user_connections');
      await services.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('migrates once connections free up', async () => {
    const full = await fillUp();
    const said: string[] = [];
    const migrating = retryWhileBusy('migrating the database', () => migrate(userUrl), {
      say: (line) => said.push(line),
      firstDelayMs: 100,
    });
    await eventually('a retry said', async () => (said.length > 0 ? true : undefined));
    await full.release();
    await migrating;
    expect(said.at(-1)).toMatch(/^migrating the database: succeeded on attempt \d+$/);
    const [rows] = await root.query(
      'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [database],
    );
    expect(Number((rows as { n: number }[])[0]?.n)).toBeGreaterThan(10);
  });
});

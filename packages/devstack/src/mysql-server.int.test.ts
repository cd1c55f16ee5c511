import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { startMariadb } from './mysql-server';
import { probeMysql } from './probes';
import { isAlive } from './processes';

describe('startMariadb', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-mysql-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('initialises an empty folder, serves root without a password in UTC, then stops', async () => {
    const server = await startMariadb({ dataDir, database: 'shop' });
    try {
      expect(server.url).toBe(`mysql://root@127.0.0.1:${server.port}/shop`);
      const connection = await mysql.createConnection({ uri: server.url.replace(/shop$/, '') });
      try {
        await connection.query('CREATE DATABASE shop');
        await connection.query('CREATE TABLE shop.t (id INT PRIMARY KEY)');
        await connection.query('INSERT INTO shop.t VALUES (1), (2)');
        const [rows] = await connection.query(
          'SELECT COUNT(*) AS n, @@time_zone AS tz FROM shop.t',
        );
        expect(rows).toEqual([{ n: 2, tz: '+00:00' }]);
      } finally {
        await connection.end();
      }
    } finally {
      await server.stop();
    }
    expect(isAlive(server.pid)).toBe(false);
    expect(await probeMysql(server.url)).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('keeps the data across restarts and takes over a server a killed run left behind', async () => {
    const first = await startMariadb({ dataDir });
    // The first run "dies" without stopping it; the next one must not start a second server.
    const second = await startMariadb({ dataDir });
    try {
      expect(second.pid).toBe(first.pid);
      expect([first.reused, second.reused]).toEqual([false, true]);
      const connection = await mysql.createConnection({ uri: second.url });
      try {
        const [rows] = await connection.query('SELECT COUNT(*) AS n FROM shop.t');
        expect(rows).toEqual([{ n: 2 }]);
      } finally {
        await connection.end();
      }
    } finally {
      await second.stop();
    }
    expect(isAlive(first.pid)).toBe(false);
  });
});

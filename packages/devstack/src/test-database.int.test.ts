import mysql from 'mysql2/promise';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropStaleTestDatabases, testDatabaseName } from './test-database';
import { serverUrlOf } from './urls';

describe('dropStaleTestDatabases', () => {
  const serverUrl = serverUrlOf(inject('databaseUrl'));
  const stale = testDatabaseName(new Date(Date.now() - 25 * 3600_000));
  const fresh = testDatabaseName(new Date(Date.now() - 23 * 3600_000));

  async function databases(): Promise<string[]> {
    const connection = await mysql.createConnection({ uri: serverUrl });
    try {
      const [rows] = await connection.query("SHOW DATABASES LIKE 'sp\\_test\\_%'");
      return (rows as Record<string, string>[]).map((row) => Object.values(row)[0] ?? '');
    } finally {
      await connection.end();
    }
  }

  afterAll(async () => {
    const connection = await mysql.createConnection({ uri: serverUrl });
    await connection.query(`DROP DATABASE IF EXISTS \`${fresh}\``);
    await connection.query(`DROP DATABASE IF EXISTS \`${stale}\``);
    await connection.end();
  });

  it('drops test databases over a day old, and only those', async () => {
    const connection = await mysql.createConnection({ uri: serverUrl });
    await connection.query(`CREATE DATABASE \`${stale}\``);
    await connection.query(`CREATE DATABASE \`${fresh}\``);
    await connection.end();

    const dropped = await dropStaleTestDatabases(serverUrl);
    expect(dropped).toContain(stale);
    const left = await databases();
    expect(left).not.toContain(stale);
    expect(left).toContain(fresh);
    expect(left).toContain(new URL(inject('databaseUrl')).pathname.slice(1));
  });
});

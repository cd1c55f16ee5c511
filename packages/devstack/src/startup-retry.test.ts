import { describe, expect, it } from 'vitest';
import { busyMysqlReason, retryWhileBusy } from './startup-retry';

/** An error as mysql2 raises it when the server is full (drizzle wraps it in `cause`). */
const tooMany = () =>
  Object.assign(new Error('Too many connections'), { errno: 1040, code: 'ER_CON_COUNT_ERROR' });

describe('retryWhileBusy', () => {
  it('waits out "Too many connections" with growing delays, saying so each time', async () => {
    const said: string[] = [];
    let calls = 0;
    const started = Date.now();
    const result = await retryWhileBusy(
      'migrating the database',
      async () => {
        calls++;
        if (calls < 4) throw new Error('wrapped', { cause: tooMany() });
        return 'migrated';
      },
      { say: (line) => said.push(line), firstDelayMs: 20, maxDelayMs: 60 },
    );
    expect(result).toBe('migrated');
    expect(calls).toBe(4);
    // 20, 40, then 60 (the cap), each with up to 20 % jitter.
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    expect(said).toHaveLength(4);
    expect(said[0]).toMatch(
      /^migrating the database: MySQL answers "Too many connections" \(errno 1040\); retrying in 0\.0 s \(attempt 2, giving up 60 s from now\)$/,
    );
    expect(said[3]).toBe('migrating the database: succeeded on attempt 4');
  });

  it('throws any other error at once, untouched', async () => {
    const denied = Object.assign(new Error('Access denied'), { errno: 1045 });
    let calls = 0;
    const said: string[] = [];
    await expect(
      retryWhileBusy(
        'x',
        async () => {
          calls++;
          throw denied;
        },
        { say: (line) => said.push(line) },
      ),
    ).rejects.toBe(denied);
    expect([calls, said]).toEqual([1, []]);
  });

  it('gives up after giveUpAfterMs with a message that says what to do', async () => {
    const said: string[] = [];
    const error = await retryWhileBusy(
      'reading the database',
      async () => {
        throw tooMany();
      },
      { say: (line) => said.push(line), giveUpAfterMs: 150, firstDelayMs: 20 },
    ).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(
      /^reading the database: MySQL still answers "Too many connections" \(errno 1040\) after 0 s and \d+ attempts; free connections on that server \(or raise its max_connections\) and start again$/,
    );
    expect((error?.cause as { errno?: number } | undefined)?.errno).toBe(1040);
    expect(said.length).toBeGreaterThanOrEqual(2);
  });

  it('names the busy errors of MySQL and MariaDB, and nothing else', () => {
    expect(busyMysqlReason(tooMany())).toBe('"Too many connections" (errno 1040)');
    expect(busyMysqlReason({ errno: 1203 })).toContain('max_user_connections');
    expect(busyMysqlReason({ errno: 1062 })).toBeNull();
    expect(busyMysqlReason(new Error('ECONNREFUSED'))).toBeNull();
  });
});

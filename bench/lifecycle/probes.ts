/**
 * What the lifecycle bench reads of the processes it does not start: the MariaDB and
 * Redis server pids (for their CPU in /proc) and MariaDB's global status counters.
 * Both servers may be system services shared with other work on the machine: the figures
 * are only meaningful on a quiet machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { cpuSecondsFromStat } from '../stats';

/** CPU seconds (user + system) of a pid so far; NaN when it cannot be read. */
export function cpuOfPid(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    return cpuSecondsFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return Number.NaN;
  }
}

function pidsNamed(names: string[]): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (names.includes(readFileSync(`/proc/${entry}/comm`, 'utf8').trim())) out.push(+entry);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

/** MariaDB's pid: from its pid file (`@@pid_file`), else the only mariadbd/mysqld running. */
export async function mariadbPid(pool: Pool): Promise<number | undefined> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT @@pid_file AS f');
  try {
    const pid = Number(readFileSync(String(rows[0]?.f), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) return pid;
  } catch {
    // not readable here: look for the process
  }
  const found = pidsNamed(['mariadbd', 'mysqld']);
  return found.length === 1 ? found[0] : undefined;
}

/** Redis's pid, as it reports it (INFO server). */
export async function redisPid(redisUrl: string): Promise<number | undefined> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const match = /process_id:(\d+)/.exec(await redis.info('server'));
    return match ? Number(match[1]) : undefined;
  } finally {
    redis.disconnect();
  }
}

/** The counters read per order: statements, rows read (Handler_read_*), rows written. */
export interface DbCounters {
  questions: number;
  queries: number;
  selects: number;
  inserts: number;
  updates: number;
  rowsRead: number;
  rowsWritten: number;
}

export async function dbCounters(pool: Pool): Promise<DbCounters> {
  const [rows] = await pool.query<RowDataPacket[]>('SHOW GLOBAL STATUS');
  const v = new Map(rows.map((r) => [String(r.Variable_name), Number(r.Value)]));
  const get = (name: string) => v.get(name) ?? 0;
  let rowsRead = 0;
  for (const [name, value] of v) if (name.startsWith('Handler_read_')) rowsRead += value;
  return {
    questions: get('Questions'),
    queries: get('Queries'),
    selects: get('Com_select'),
    inserts: get('Com_insert'),
    updates: get('Com_update'),
    rowsRead,
    // MySQL 8 counts InnoDB's rows written; MariaDB 10.11 has no Innodb_rows_*, and
    // Handler_write/update/delete count the same rows (temporary tables are Handler_tmp_*).
    rowsWritten: v.has('Innodb_rows_inserted')
      ? get('Innodb_rows_inserted') + get('Innodb_rows_updated') + get('Innodb_rows_deleted')
      : get('Handler_write') + get('Handler_update') + get('Handler_delete'),
  };
}

export function counterDelta(a: DbCounters, b: DbCounters): DbCounters {
  const out = { ...b };
  for (const key of Object.keys(out) as (keyof DbCounters)[]) out[key] = b[key] - a[key];
  return out;
}

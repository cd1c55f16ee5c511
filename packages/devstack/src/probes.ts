import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { serverUrlOf } from './urls';

/** `unreachable`: nothing listens (start one); `refused`: a server answered but said no. */
export type ProbeResult =
  | { ok: true }
  | { ok: false; reason: 'unreachable' | 'refused'; message: string; errno?: number };

export interface ProbeOptions {
  timeoutMs?: number;
}

function failure(error: unknown, answered: boolean): ProbeResult {
  const { code, message, errno } = error as { code?: string; message?: string; errno?: unknown };
  const text = message || code || String(error);
  return {
    ok: false,
    reason: answered ? 'refused' : 'unreachable',
    message: text,
    // MySQL's own number (1040: too many connections), for callers that wait some out.
    ...(answered && typeof errno === 'number' ? { errno } : {}),
  };
}

/** MySQL's own errors (ER_ACCESS_DENIED_ERROR…) mean a server answered; socket errors do not. */
function mysqlAnswered(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('ER_');
}

/** A Redis reply error (NOAUTH, WRONGPASS…) means a server answered; anything else did not. */
function redisAnswered(error: unknown): boolean {
  return (error as { name?: unknown }).name === 'ReplyError';
}

/**
 * Connects to the MySQL server of `databaseUrl` (without selecting its database) and pings it.
 * With `expectDatadir`, only the server that serves that data folder counts (not whoever else
 * listens on the port).
 */
export async function probeMysql(
  databaseUrl: string,
  options: ProbeOptions & { expectDatadir?: string } = {},
): Promise<ProbeResult> {
  const { timeoutMs = 1_000, expectDatadir } = options;
  const serverUrl = serverUrlOf(databaseUrl);
  try {
    const connection = await mysql.createConnection({ uri: serverUrl, connectTimeout: timeoutMs });
    try {
      await connection.ping();
      if (expectDatadir !== undefined) {
        const [rows] = await connection.query('SELECT @@datadir AS datadir');
        const datadir = String((rows as { datadir: string }[])[0]?.datadir);
        if (trimSlash(datadir) !== trimSlash(expectDatadir)) {
          return { ok: false, reason: 'refused', message: `another server (${datadir}) answers` };
        }
      }
    } finally {
      connection.destroy();
    }
    return { ok: true };
  } catch (error) {
    return failure(error, mysqlAnswered(error));
  }
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

/**
 * One connection attempt and a PING, no retries, no offline queue. With `expectPid`, only the
 * server with that process id counts.
 */
export async function probeRedis(
  redisUrl: string,
  options: ProbeOptions & { expectPid?: number } = {},
): Promise<ProbeResult> {
  const { timeoutMs = 1_000, expectPid } = options;
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: unknown;
  redis.on('error', (error) => {
    lastError = error;
  });
  try {
    await redis.connect();
    const reply = await redis.ping();
    if (reply !== 'PONG') return { ok: false, reason: 'refused', message: `PING: ${reply}` };
    if (expectPid !== undefined) {
      const pid = /process_id:(\d+)/.exec(await redis.info('server'))?.[1];
      if (Number(pid) !== expectPid) {
        return { ok: false, reason: 'refused', message: `another server (pid ${pid}) answers` };
      }
    }
    return { ok: true };
  } catch (error) {
    const cause = redisAnswered(error) ? error : (lastError ?? error);
    if (!redisAnswered(cause) && /Stream isn't writeable/.test(String(cause))) {
      return { ok: false, reason: 'unreachable', message: `no answer within ${timeoutMs} ms` };
    }
    return failure(cause, redisAnswered(cause));
  } finally {
    redis.disconnect();
  }
}

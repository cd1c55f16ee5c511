import { Redis, type RedisOptions } from 'ioredis';

/** The slice of a pino logger the outage log writes to. */
export interface OutageLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/**
 * The one rule for a connection that goes away and comes back: the first error of an
 * outage is logged (a warning), the errors after it (one per reconnection attempt, and
 * those of the BullMQ workers and queues on the connection) are not, and the recovery is
 * logged once (info, with how long it lasted). A process's log then shows each outage as
 * two lines per connection, however long it lasts.
 */
export interface OutageLog {
  /** An error: logged if it is the first since the connection was last up. */
  failed(err: unknown, details?: object): void;
  /** The connection is up (again): logged if it was down. */
  recovered(): void;
  readonly down: boolean;
}

export function createOutageLog(
  logger: OutageLogger,
  name: string,
  now: () => number = Date.now,
): OutageLog {
  let downSince: number | null = null;
  return {
    failed(err, details = {}) {
      if (downSince !== null) return;
      downSince = now();
      logger.warn({ err, redis: name, ...details }, `Redis (${name}) unavailable; retrying`);
    },
    recovered() {
      if (downSince === null) return;
      const downMs = now() - downSince;
      downSince = null;
      logger.info({ redis: name, downMs }, `Redis (${name}) reconnected`);
    },
    get down() {
      return downSince !== null;
    },
  };
}

/** What emits `error`, and `ready` when the connection is up: an ioredis client. */
export interface OutageSource {
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

const outageLogs = new WeakMap<object, OutageLog>();

/**
 * Puts `redis` under the outage rule (see `OutageLog`), e.g. a `duplicate()` of a client
 * `createRedis` made; it also stands in for ioredis's default of printing every error.
 * Returns `redis`.
 */
export function logOutages<T extends OutageSource>(
  redis: T,
  options: { name: string; logger: OutageLogger },
): T {
  if (outageLogs.has(redis)) return redis;
  const outage = createOutageLog(options.logger, options.name);
  outageLogs.set(redis, outage);
  redis.on('error', (err) => outage.failed(err));
  redis.on('ready', () => outage.recovered());
  return redis;
}

/**
 * The errors of something that lives on `redis`, a BullMQ worker or queue, count as that
 * connection's outage: logged only if the connection has not logged this outage yet
 * (`source` naming where it came from), and the recovery is the connection's. `redis`
 * not under the rule yet is put under it first, with `logger`.
 */
export function logOutagesVia(
  redis: OutageSource,
  emitter: { on(event: 'error', listener: (err: Error) => void): unknown },
  options: { source: string; logger: OutageLogger },
): void {
  logOutages(redis, { name: options.source, logger: options.logger });
  const outage = outageLogs.get(redis)!;
  emitter.on('error', (err) => outage.failed(err, { source: options.source }));
}

export interface CreateRedisOptions extends RedisOptions {
  /** Names the connection in its log lines, e.g. `worker`, `producer`. */
  name: string;
  logger: OutageLogger;
}

/**
 * An ioredis client under the outage rule. The options are the caller's: a producer
 * fails fast (`enableOfflineQueue: false`), a BullMQ worker's connection waits
 * (`maxRetriesPerRequest: null`).
 */
export function createRedis(url: string, options: CreateRedisOptions): Redis {
  const { name, logger, ...redisOptions } = options;
  return logOutages(new Redis(url, redisOptions), { name, logger });
}

/** Quits politely when connected; a connection still retrying is just dropped. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}

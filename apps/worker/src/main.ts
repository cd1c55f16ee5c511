import { connect } from '@stockpulse/db/client';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { readEnv } from './env';
import { createRedis } from './redis';

/** Past this, a shutdown that has not finished exits anyway. */
const SHUTDOWN_GRACE_MS = 5_000;

function loadEnv() {
  try {
    return readEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

const env = loadEnv();
const log = pino({ level: env.LOG_LEVEL, base: { app: 'worker' } });
const database = connect(env.DATABASE_URL);
const redis = createRedis(env.REDIS_URL, log);

// Queue processors (orders, restock, outbox relay) are created here, one per queue, each
// with an `error` listener, and closed first on shutdown.

/** Quits politely when connected; a connection still retrying is just dropped. */
async function closeRedis() {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}

let stopping = false;
async function shutdown(reason: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  log.info({ reason }, 'shutting down');
  setTimeout(() => {
    log.error('shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  await Promise.allSettled([database.close(), closeRedis()]);
  log.info('stopped');
  process.exit(exitCode);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(signal));

try {
  await database.db.execute(sql`SELECT 1`);
} catch (err) {
  log.fatal({ err }, 'MySQL does not answer');
  await shutdown('MySQL does not answer', 1);
}
try {
  await redis.ping(); // waits for Redis if it is not up yet
  log.info('worker ready (no queue processors yet)');
} catch (err) {
  if (!stopping) throw err; // a shutdown while waiting drops the connection: expected
}

import { connect } from '@stockpulse/db/client';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { readEnv } from './env';
import { startWorker } from './worker';

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
const database = connect(env.DATABASE_URL, { connectionLimit: env.ORDER_CONCURRENCY + 5 });
let worker: ReturnType<typeof startWorker> | undefined;

let stopping = false;
async function shutdown(reason: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  log.info({ reason }, 'shutting down');
  setTimeout(() => {
    log.error('shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  await worker?.close();
  await database.close().catch(() => {});
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
if (!stopping) {
  worker = startWorker(env, database.db, log);
  try {
    await worker.ready(); // waits for Redis if it is not up yet
    log.info({ prefix: env.REDIS_PREFIX, role: env.WORKER_ROLE }, 'worker ready');
  } catch (err) {
    if (!stopping) throw err; // a shutdown while waiting drops the connection: expected
  }
}

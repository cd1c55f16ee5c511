import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '@stockpulse/db/client';
import { readEnv } from './env';
import { createLogger } from './logger';
import { createRedis } from './redis';
import { buildServer } from './server';

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
const log = createLogger(env.LOG_LEVEL);
const database = connect(env.DATABASE_URL);
const redis = createRedis(env.REDIS_URL, log);

// The same relative path from src/main.ts (tsx) and from dist/main.js (the bundle).
const frontDir = (name: string) =>
  env.FRONTS_DIR
    ? join(env.FRONTS_DIR, name)
    : fileURLToPath(new URL(`../../${name}/dist`, import.meta.url));

const app = await buildServer({
  db: database.db,
  redis,
  logger: log,
  redisPrefix: env.REDIS_PREFIX,
  trustProxy: env.TRUST_PROXY,
  sessionCacheMs: env.SESSION_CACHE_MS,
  maxBatchCalls: env.TRPC_MAX_BATCH,
  registerLimit: env.REGISTER_LIMIT,
  metricsAllow: env.METRICS_ALLOW,
  live: {
    allowedOrigins: env.LIVE_ALLOWED_ORIGINS,
    sessionCheckMs: env.LIVE_SESSION_CHECK_MS,
  },
  fronts: { storefront: frontDir('storefront'), admin: frontDir('admin') },
});

/** Quits politely when connected; a connection still retrying is just dropped. */
async function closeRedis() {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  setTimeout(() => {
    log.error('shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  try {
    await app.close(); // stops accepting, lets in-flight requests finish
    await Promise.allSettled([database.close(), closeRedis()]);
    log.info('stopped');
    process.exit(0);
  } catch (err) {
    log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(signal));

try {
  const address = await app.listen({ port: env.PORT, host: env.HOST });
  // The one line an operator reads at start-up; requests log at debug (request-log.ts).
  const base = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  log.info(
    { storefront: `${base}/`, admin: `${base}/admin`, logLevel: env.LOG_LEVEL },
    `ready: storefront ${base}/, admin ${base}/admin; requests log at debug (LOG_LEVEL=${env.LOG_LEVEL})`,
  );
} catch (err) {
  log.fatal({ err }, 'could not listen');
  await Promise.allSettled([database.close(), closeRedis()]);
  process.exit(1);
}

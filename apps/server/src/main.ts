import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPaymentProvider } from '@stockpulse/core';
import { openMediaStore } from '@stockpulse/core/media';
import { connect } from '@stockpulse/db/client';
import { closeRedis, createLogger, createRedis, runMain } from '@stockpulse/runtime';
import { readEnv } from './env';
import { mediaConfigOf } from './media';
import { PRODUCER_REDIS_OPTIONS } from './redis';
import { buildServer } from './server';

const env = readEnv();
const log = createLogger({ app: 'server', level: env.LOG_LEVEL });

// The same relative path from src/main.ts (tsx) and from dist/main.js (the bundle).
const frontDir = (name: string) =>
  env.FRONTS_DIR
    ? join(env.FRONTS_DIR, name)
    : fileURLToPath(new URL(`../../${name}/dist`, import.meta.url));

await runMain(
  async (main) => {
    const database = connect(env.DATABASE_URL);
    const redis = createRedis(env.REDIS_URL, {
      name: 'server',
      logger: log,
      ...PRODUCER_REDIS_OPTIONS,
    });
    main.onShutdown(() => Promise.allSettled([database.close(), closeRedis(redis)]));
    // The folder is created here when missing (default: .data/media in the repository).
    const media = await openMediaStore(
      mediaConfigOf(env, fileURLToPath(new URL('../../../.data/media', import.meta.url))),
    );

    const app = await buildServer({
      db: database.db,
      redis,
      logger: log,
      redisPrefix: env.REDIS_PREFIX,
      trustProxy: env.TRUST_PROXY,
      sessionCacheMs: env.SESSION_CACHE_MS,
      maxBatchCalls: env.TRPC_MAX_BATCH,
      registerLimit: env.REGISTER_LIMIT,
      returnWindowDays: env.RETURN_WINDOW_DAYS,
      metricsAllow: env.METRICS_ALLOW,
      payments: createPaymentProvider(env.PAYMENT_PROVIDER, { secret: env.PAYMENT_TOKEN_SECRET }),
      live: {
        allowedOrigins: env.LIVE_ALLOWED_ORIGINS,
        sessionCheckMs: env.LIVE_SESSION_CHECK_MS,
      },
      fronts: { storefront: frontDir('storefront'), admin: frontDir('admin') },
      media,
    });
    main.onShutdown(() => app.close()); // stops accepting, lets in-flight requests finish

    const address = await app.listen({ port: env.PORT, host: env.HOST }).catch((err) => {
      throw new Error('could not listen', { cause: err });
    });
    // The one line an operator reads at start-up; requests log at debug (request-log.ts).
    const base = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    log.info(
      { storefront: `${base}/`, admin: `${base}/admin`, logLevel: env.LOG_LEVEL },
      `ready: storefront ${base}/, admin ${base}/admin; requests log at debug (LOG_LEVEL=${env.LOG_LEVEL})`,
    );
  },
  { logger: log },
);

import { connect } from '@stockpulse/db/client';
import { createLogger, runMain } from '@stockpulse/runtime';
import { sql } from 'drizzle-orm';
import { readEnv } from './env';
import { startWorker } from './worker';

const env = readEnv();
const log = createLogger({ app: 'worker', level: env.LOG_LEVEL });

await runMain(
  async (main) => {
    const database = connect(env.DATABASE_URL, { connectionLimit: env.ORDER_CONCURRENCY + 5 });
    main.onShutdown(() => database.close().catch(() => {}));
    await database.db.execute(sql`SELECT 1`).catch((err) => {
      throw new Error('MySQL does not answer', { cause: err });
    });
    const worker = startWorker(env, database.db, log);
    main.onShutdown(() => worker.close());
    await worker.ready(); // waits for Redis if it is not up yet
    log.info({ prefix: env.REDIS_PREFIX, role: env.WORKER_ROLE }, 'worker ready');
  },
  { logger: log },
);

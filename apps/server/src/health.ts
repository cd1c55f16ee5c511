import type { Database } from '@stockpulse/db';
import { withTimeout } from '@stockpulse/runtime';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';

export interface HealthDeps {
  db: Database;
  redis: Redis;
  /** How long each readiness probe may take before it counts as down. */
  timeoutMs: number;
}

type Probe = 'ok' | 'down';

/**
 * `/healthz`: the process is up (liveness; restart it if this fails).
 * `/readyz`: MySQL and Redis answer (readiness; send it traffic only if this passes).
 */
export async function healthRoutes(app: FastifyInstance, deps: HealthDeps) {
  const { db, redis, timeoutMs } = deps;

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    const probe = async (name: string, work: () => Promise<unknown>): Promise<Probe> => {
      try {
        await withTimeout(work(), timeoutMs);
        return 'ok';
      } catch (err) {
        request.log.warn({ err, dependency: name }, 'readiness probe failed');
        return 'down';
      }
    };
    const [mysql, redisState] = await Promise.all([
      probe('mysql', () => db.execute(sql`SELECT 1`)),
      probe('redis', () => redis.ping()),
    ]);
    const ready = mysql === 'ok' && redisState === 'ok';
    return reply.code(ready ? 200 : 503).send({ mysql, redis: redisState });
  });
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type AppRouter, appRouter, createContext, reportError } from '@stockpulse/api';
import type { Database } from '@stockpulse/db';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { type FrontDirs, frontRoutes } from './fronts';
import { healthRoutes } from './health';
import { mediaRoutes } from './media';

export interface ServerDeps {
  db: Database;
  /** A fail-fast client (see `createRedis`); the server does not close it. */
  redis: Redis;
  /** A pino logger (see `createLogger`); request logs are its children. */
  logger: FastifyBaseLogger;
  fronts: FrontDirs;
  /** Per readiness probe; default 1 s. */
  readinessTimeoutMs?: number;
}

/** An incoming `x-request-id` (from a proxy) is kept when it is sane; otherwise a new one. */
function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w.:-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

/** The whole HTTP server, not yet listening: `main.ts` listens, tests `inject` or listen on 0. */
export async function buildServer(deps: ServerDeps) {
  const app = Fastify({
    loggerInstance: deps.logger,
    genReqId: requestId,
    // httpBatchLink puts every batched procedure name in the path.
    routerOptions: { maxParamLength: 5_000 },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }) => createContext({ db: deps.db, requestId: req.id, log: req.log }),
      onError: ({ error, path, req }) =>
        reportError({ error, path, requestId: req.id, log: req.log }),
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
  await app.register(healthRoutes, {
    db: deps.db,
    redis: deps.redis,
    timeoutMs: deps.readinessTimeoutMs ?? 1_000,
  });
  await app.register(mediaRoutes, { db: deps.db });
  await frontRoutes(app, deps.fronts);
  return app;
}

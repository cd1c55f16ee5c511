import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import { type AppRouter, appRouter, createContext, reportError } from '@stockpulse/api';
import type { PaymentProvider } from '@stockpulse/core';
import {
  createProducerQueues,
  DEVICE_COOKIE,
  SESSION_COOKIE,
  wakeRelaysOnCommit,
} from '@stockpulse/core';
import type { MediaStore } from '@stockpulse/core/media';
import type { Database } from '@stockpulse/db';
import { logOutagesVia } from '@stockpulse/runtime';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Redis } from 'ioredis';
import { DEFAULT_MAX_BATCH_CALLS, refuseLargeBatch } from './batch-limit';
import { catalogCsvRoutes } from './catalog-csv';
import { registerCompression } from './compression';
import { type FrontDirs, frontRoutes } from './fronts';
import { healthRoutes } from './health';
import { attachLive, type LiveOptions } from './live';
import { mediaRoutes } from './media';
import { registerMetrics } from './metrics';
import { registerOriginCheck } from './origin-check';
import { fastifyTrustProxy, type ProxyTrust } from './proxy-trust';
import { queueBoardRoutes } from './queue-board';
import { registerRequestLog } from './request-log';
import { registerSecurityHeaders } from './security-headers';
import { createSessionCache } from './session-cache-invalidation';

export interface ServerDeps {
  db: Database;
  /** A fail-fast client (runtime's `createRedis`); the server does not close it. */
  redis: Redis;
  /** A pino logger (runtime's `createLogger`); request logs are its children. */
  logger: FastifyBaseLogger;
  fronts: FrontDirs;
  /**
   * Where uploaded photos' files live: core/media's `openMediaStore` over MEDIA_DIR or the
   * MEDIA_S3_* bucket (media/config.ts).
   */
  media: MediaStore;
  /** Starts every Redis key the server writes (the sign-in rate limits), e.g. `sp:`. */
  redisPrefix: string;
  /**
   * Which proxies are believed (env TRUST_PROXY; default false): a number of hops, or
   * the proxies' addresses (`true` is one hop; see proxy-trust.ts). Behind a
   * TLS-terminating proxy set it, so `request.protocol` is `https` (the session cookie
   * gets `Secure`) and `request.ip` is the address the nearest trusted proxy saw (the
   * per-address limits). Never set it when clients reach the server directly.
   */
  trustProxy?: ProxyTrust;
  /**
   * How long a session found in the table is answered from memory (env SESSION_CACHE_MS,
   * default 10 s; 0 reads the table on every request). Sign-outs reach every server's
   * cache over Redis at once; see session-cache-invalidation.ts.
   */
  sessionCacheMs?: number;
  /** Calls one batched tRPC request may carry (env TRPC_MAX_BATCH); default 20. */
  maxBatchCalls?: number;
  /** Sign-ups per client address per hour (env REGISTER_LIMIT); default 10. */
  registerLimit?: number;
  /** Days after delivery a shopper may ask for a return (env RETURN_WINDOW_DAYS); default 30. */
  returnWindowDays?: number;
  /** The payment provider (tokenize, placement's card); default the simulated one. */
  payments?: PaymentProvider;
  /** Per readiness probe; default 1 s. */
  readinessTimeoutMs?: number;
  /** Who may read /metrics (env METRICS_ALLOW: addresses, CIDRs, `loopback`); default loopback. */
  metricsAllow?: readonly string[];
  /**
   * The live layer (Socket.IO at /socket.io, see `live/`); off when absent. It opens two
   * Redis connections of its own (duplicates of `redis`) and closes them with the server.
   */
  live?: LiveOptions;
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * POSTs), Path=/ (the API, the sockets and both fronts), Secure when the request came
 * over https, and a Max-Age matching the session's expiry.
 */
function sessionCookies(request: FastifyRequest, reply: FastifyReply) {
  const options = {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
  } as const;
  return {
    set(token: string, expiresAt: Date) {
      const maxAge = Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000));
      reply.setCookie(SESSION_COOKIE, token, { ...options, maxAge });
    },
    clear() {
      reply.clearCookie(SESSION_COOKIE, options);
    },
    /** The known-device cookie outlives sign-outs: it only ever loosens sign-in limits. */
    setDevice(token: string, maxAgeSeconds: number) {
      reply.setCookie(DEVICE_COOKIE, token, { ...options, maxAge: maxAgeSeconds });
    },
  };
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
    trustProxy: fastifyTrustProxy(deps.trustProxy),
    // One line per request at debug instead (see request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
  });
  registerRequestLog(app);
  await app.register(fastifyCookie);
  // BullMQ queues on the shared fail-fast client, for the admin's queue views only: the
  // server never adds jobs itself (the outbox relay does).
  const queues = createProducerQueues(deps.redis, deps.redisPrefix);
  for (const queue of Object.values(queues)) {
    logOutagesVia(deps.redis, queue, { source: `${queue.name} queue`, logger: app.log });
  }
  const sessions = createSessionCache({
    redis: deps.redis,
    redisPrefix: deps.redisPrefix,
    ttlMs: deps.sessionCacheMs ?? 10_000,
    log: app.log,
  });
  // Every commit that writes outbox rows (core's writeOutbox, the placement) wakes the
  // relays through this server's connection.
  const stopWaking = wakeRelaysOnCommit(deps.db, deps.redis, deps.redisPrefix);
  app.addHook('onClose', async () => {
    stopWaking();
    sessions.close();
    await Promise.all(Object.values(queues).map((queue) => queue.close()));
  });
  // Before the HTTP server closes: open WebSockets would otherwise keep it from closing.
  const live = deps.live
    ? attachLive({
        httpServer: app.server,
        db: deps.db,
        redis: deps.redis,
        redisPrefix: deps.redisPrefix,
        log: app.log,
        live: deps.live,
        trustProxy: deps.trustProxy,
      })
    : null;
  if (live) app.addHook('preClose', () => live.close());
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerSecurityHeaders(app);
  // The Vite dev servers' origins (LIVE_ALLOWED_ORIGINS) may call the API as well.
  registerOriginCheck(app, {
    allowedOrigins: deps.live?.allowedOrigins,
    trustProxy: deps.trustProxy,
  });
  await registerCompression(app);
  registerMetrics(app, { db: deps.db, queues, live, allow: deps.metricsAllow });
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res, info }) => {
        refuseLargeBatch(info, deps.maxBatchCalls ?? DEFAULT_MAX_BATCH_CALLS);
        return createContext({
          db: deps.db,
          redis: deps.redis,
          redisPrefix: deps.redisPrefix,
          requestId: req.id,
          log: req.log,
          sessionToken: req.cookies[SESSION_COOKIE],
          deviceToken: req.cookies[DEVICE_COOKIE],
          clientAddress: req.ip,
          userAgent: req.headers['user-agent'],
          cookies: sessionCookies(req, res),
          queues,
          live,
          sessions,
          media: deps.media,
          returnWindowDays: deps.returnWindowDays,
          payments: deps.payments,
          signUpLimit:
            deps.registerLimit === undefined
              ? undefined
              : { max: deps.registerLimit, windowSeconds: 3600 },
        });
      },
      onError: ({ error, path, req }) =>
        reportError({ error, path, requestId: req.id, log: req.log }),
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
  await app.register(healthRoutes, {
    db: deps.db,
    redis: deps.redis,
    timeoutMs: deps.readinessTimeoutMs ?? 1_000,
  });
  await app.register(mediaRoutes, { db: deps.db, media: deps.media });
  await app.register(catalogCsvRoutes, { db: deps.db });
  await queueBoardRoutes(app, { db: deps.db, queues });
  await frontRoutes(app, deps.fronts);
  return app;
}

import type { FastifyInstance } from 'fastify';

/** A request slower than this is logged at warn whatever the log level (1 s). */
export const SLOW_REQUEST_MS = 1_000;

/**
 * One line per request, instead of Fastify's two at INFO ("incoming request",
 * "request completed"), which flooded the `npm start` terminal. A normal request logs
 * at debug (LOG_LEVEL=debug shows them); a 5xx or a slow request logs at warn, so what
 * an operator must see still shows at the default level. Fastify's own request logging
 * is switched off with `disableRequestLogging` in server.ts.
 */
export function registerRequestLog(app: FastifyInstance, slowMs = SLOW_REQUEST_MS) {
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime);
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      ms,
    };
    if (reply.statusCode >= 500) request.log.warn(line, 'request failed');
    else if (ms >= slowMs) request.log.warn(line, 'slow request');
    else request.log.debug(line, 'request');
  });
}

import { appRouter } from '@stockpulse/api';
import type { ProducerQueues } from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import type { FastifyInstance } from 'fastify';
import type { LiveHandle } from '../live';
import { compileMetricsAllow, DEFAULT_METRICS_ALLOW, mayReadMetrics } from './allow';
import { createServerMetrics } from './registry';

export { compileMetricsAllow, DEFAULT_METRICS_ALLOW } from './allow';

export const METRICS_PATH = '/metrics';

/** The route tRPC's Fastify adapter answers on (its prefix and `/:path`). */
const TRPC_ROUTE = '/trpc/:path';

/**
 * Prometheus metrics at /metrics (see registry.ts), for the addresses in `allow` (env
 * METRICS_ALLOW, default loopback); everyone else gets the 404 of a path that does not
 * exist. Times every tRPC call by procedure: a name the router does not have counts as
 * `unknown`, so a client cannot mint label values. Register it before tRPC.
 */
export function registerMetrics(
  app: FastifyInstance,
  deps: {
    db: Database;
    queues: ProducerQueues;
    live: LiveHandle | null;
    allow?: readonly string[];
  },
) {
  const allowed = compileMetricsAllow(deps.allow ?? DEFAULT_METRICS_ALLOW);
  const metrics = createServerMetrics({
    db: deps.db,
    queues: deps.queues,
    socketCount: () => (deps.live ? deps.live.io.engine.clientsCount : null),
  });
  const procedures = new Set(Object.keys(appRouter._def.procedures));

  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url !== TRPC_ROUTE) return;
    const path = (request.params as { path?: string }).path ?? '';
    const seconds = reply.elapsedTime / 1000;
    for (const name of path.split(',')) {
      metrics.observeCall(procedures.has(name) ? name : 'unknown', reply.statusCode, seconds);
    }
  });

  app.get(METRICS_PATH, async (request, reply) => {
    if (!mayReadMetrics(request, allowed)) return reply.callNotFound();
    return reply
      .type(metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(await metrics.registry.metrics());
  });
}

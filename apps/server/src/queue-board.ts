import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { type ProducerQueues, resolveSession, SESSION_COOKIE } from '@stockpulse/core';
import type { Database } from '@stockpulse/db';
import type { FastifyInstance } from 'fastify';
import { cspHeader, QUEUE_BOARD_DIRECTIVES } from './security-headers';

const QUEUE_BOARD_CSP = cspHeader(QUEUE_BOARD_DIRECTIVES);

/** Where Bull Board answers; the admin console's Queues view links here. */
export const QUEUE_BOARD_PATH = '/admin/queues/board';

/**
 * Bull Board (BullMQ's own job browser) over the server's producer queues, for
 * administrators only: the session cookie is checked on every request of the board's
 * scope (pages, its JSON API and its static files) the way the tRPC context does,
 * answering 401 without a session and 403 for a customer's.
 *
 * Register it before the fronts: Bull Board brings its own @fastify/static, which cannot
 * decorate `reply.sendFile` a second time in a scope that inherits the fronts' one.
 */
export async function queueBoardRoutes(
  app: FastifyInstance,
  deps: { db: Database; queues: ProducerQueues },
) {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(deps.queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Stockpulse queues' } },
  });

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      // Replaces the fronts' policy (security-headers.ts) with the one Bull Board's page needs.
      reply.header('content-security-policy', QUEUE_BOARD_CSP);
      const resolved = await resolveSession(deps.db, request.cookies[SESSION_COOKIE]);
      if (!resolved) return reply.code(401).send({ error: 'sign in as an administrator' });
      if (resolved.session.role !== 'admin') {
        return reply.code(403).send({ error: 'administrators only' });
      }
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}

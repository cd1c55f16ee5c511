import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProxyTrust } from './proxy-trust';
import { allowedOriginSet, isServedOrigin, type PeerTrust, peerTrust } from './served-origin';

/** Methods that change nothing (tRPC queries are GETs, its mutations POSTs). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a state-changing request is refused as cross-site, or null to let it through.
 * Browsers send `Origin` with every POST; a request without it and without
 * `Sec-Fetch-Site: cross-site` is not a cross-site browser request (curl, the bench's
 * tRPC client, tests): allowed.
 */
export function crossSiteRefusal(
  request: IncomingMessage,
  trusts: PeerTrust,
  allowed: ReadonlySet<string>,
): string | null {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    return isServedOrigin(origin, request, trusts, allowed)
      ? null
      : `requests from ${origin} may not change anything here`;
  }
  return request.headers['sec-fetch-site'] === 'cross-site'
    ? 'cross-site requests may not change anything here'
    : null;
}

/** tRPC's error envelope (superjson's `json`), one per call of a batch. */
function trpcRefusal(request: FastifyRequest, message: string) {
  const [path = '', query = ''] = request.url.split('?');
  const procedures = decodeURIComponent(path.replace(/^\/trpc\/?/, '')).split(',');
  const error = (procedure: string) => ({
    error: {
      json: {
        message,
        code: -32003,
        data: { code: 'FORBIDDEN', httpStatus: 403, path: procedure },
      },
    },
  });
  return new URLSearchParams(query).get('batch') === '1'
    ? procedures.map(error)
    : error(procedures[0] ?? '');
}

/**
 * Refuses, with 403 FORBIDDEN, every state-changing request a browser sent from a page
 * this server does not serve (without it a foreign page's POST with the shopper's cookie
 * succeeded; SameSite=Lax was the only defence). Covers tRPC mutations and Bull Board's
 * actions; Socket.IO checks its handshake itself (live/handshake.ts). The served origins:
 * the server's own (scheme, host and port; through a trusted proxy, what it forwarded)
 * and `allowedOrigins` (LIVE_ALLOWED_ORIGINS: the Vite dev servers). Register it before
 * the routes.
 */
export function registerOriginCheck(
  app: FastifyInstance,
  options: { allowedOrigins?: readonly string[]; trustProxy?: ProxyTrust },
) {
  const trusts = peerTrust(options.trustProxy);
  const allowed = allowedOriginSet(options.allowedOrigins ?? []);
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const refusal = crossSiteRefusal(request.raw, trusts, allowed);
    if (refusal === null) return;
    request.log.warn({ origin: request.headers.origin, url: request.url }, refusal);
    const isTrpc = request.url === '/trpc' || request.url.startsWith('/trpc/');
    return reply
      .code(403)
      .send(
        isTrpc
          ? trpcRefusal(request, refusal)
          : { statusCode: 403, error: 'Forbidden', message: refusal },
      );
  });
}

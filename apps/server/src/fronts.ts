import { createReadStream, existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The built fronts (`vite build` output); null or a missing folder serves nothing there. */
export interface FrontDirs {
  storefront: string | null;
  admin: string | null;
}

/** Paths the server answers itself: never an SPA page, even when nothing matched. */
const SERVER_PREFIXES = ['/trpc', '/socket.io', '/media', '/healthz', '/readyz', '/metrics'];

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Vite puts content-hashed files under `assets/`; everything else may change in place. */
function cacheControl(filePath: string): string {
  if (filePath.endsWith('.html')) return 'no-cache';
  if (filePath.includes(`${sep}assets${sep}`)) return IMMUTABLE;
  return 'public, max-age=3600';
}

function sendIndex(reply: FastifyReply, dir: string) {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(createReadStream(join(dir, 'index.html')));
}

/**
 * The storefront at `/` and the admin console at `/admin/`, each falling back to its
 * `index.html` for a GET the server has no route or file for (client-side routing). A
 * missing file that looks like one (`/assets/gone.js`) stays a 404.
 */
export async function frontRoutes(app: FastifyInstance, dirs: FrontDirs) {
  const built = (dir: string | null) => (dir && existsSync(join(dir, 'index.html')) ? dir : null);
  const storefront = built(dirs.storefront);
  const admin = built(dirs.admin);
  if (!storefront) app.log.warn({ dir: dirs.storefront }, 'storefront not built: / is not served');
  if (!admin) app.log.warn({ dir: dirs.admin }, 'admin not built: /admin/ is not served');

  const common = {
    cacheControl: false,
    // The build writes a `.br` and a `.gz` beside every text file (vite-precompress.ts):
    // send the one the browser accepts, with `Vary: Accept-Encoding`.
    preCompressed: true,
    dotfiles: 'ignore',
    setHeaders: (reply: FastifyReply, filePath: string) =>
      reply.header('cache-control', cacheControl(filePath)),
  } as const;
  if (storefront) await app.register(fastifyStatic, { ...common, root: storefront, prefix: '/' });
  if (admin) {
    await app.register(fastifyStatic, {
      ...common,
      root: admin,
      prefix: '/admin/',
      decorateReply: false,
    });
    // `/admin` itself is the console too (assets are absolute under /admin/, so no
    // redirect is needed, and a bookmark without the slash just works).
    app.get('/admin', (_request, reply) => sendIndex(reply, admin));
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isServerPath = SERVER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
    const looksLikeFile = /\.[^/]*$/.test(path);
    const isAdmin = path === '/admin' || path.startsWith('/admin/');
    const dir = isAdmin ? admin : storefront;
    const spaPage =
      (request.method === 'GET' || request.method === 'HEAD') && !isServerPath && !looksLikeFile;
    if (spaPage && dir) return sendIndex(reply, dir);
    return reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `Route ${request.method}:${path} not found`,
    });
  });
}

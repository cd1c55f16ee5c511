import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

/** Server-side code that must never reach a browser (DESIGN §2): only types cross. */
const SERVER_ONLY =
  /node_modules\/(mysql2|drizzle-orm|ioredis|bullmq|fastify|pino|@fastify)\/|packages\/(api|core|db|devstack)\//;

/**
 * Builds a front (in memory, production mode) and reports what its bundle holds: every
 * module id, the server-only ones among them, and the gzipped size of its JavaScript.
 * The caller sets NODE_ENV=production first (Vitest runs with NODE_ENV=test).
 */
export async function inspectBrowserBundle(appRoot: string) {
  const result = (await build({
    root: appRoot,
    logLevel: 'silent',
    build: { write: false },
  })) as Rollup.RollupOutput;
  const chunks = result.output.filter((item) => item.type === 'chunk');
  const modules = chunks.flatMap((chunk) => chunk.moduleIds);
  return {
    modules,
    serverOnly: modules.filter((id) => SERVER_ONLY.test(id)),
    gzipBytes: chunks.reduce((sum, chunk) => sum + gzipSync(chunk.code).length, 0),
  };
}

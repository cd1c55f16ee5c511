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
  const gzip = (list: Rollup.OutputChunk[]) =>
    list.reduce((sum, chunk) => sum + gzipSync(chunk.code).length, 0);
  return {
    modules,
    serverOnly: modules.filter((id) => SERVER_ONLY.test(id)),
    /** Every chunk, lazy ones included. */
    gzipBytes: gzip(chunks),
    /** What the first page load fetches: the entry and what it imports statically. */
    initialGzipBytes: gzip(initialChunks(chunks)),
  };
}

/** The entry chunks and, transitively, the chunks they import statically (not `import()`). */
function initialChunks(chunks: Rollup.OutputChunk[]): Rollup.OutputChunk[] {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set<Rollup.OutputChunk>();
  const visit = (chunk: Rollup.OutputChunk | undefined) => {
    if (!chunk || initial.has(chunk)) return;
    initial.add(chunk);
    for (const file of chunk.imports) visit(byFile.get(file));
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  return [...initial];
}

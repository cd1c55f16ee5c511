// The only place bench/ (outside bench/live, see live/env.ts) touches process.env.

/** PATH for the child processes (their environment is otherwise exactly what is given). */
export const searchPath = (): string => process.env.PATH ?? '';

/** Runs `work` with NODE_ENV set to `value` (vite's production build reads it), then restores it. */
export async function withNodeEnv<T>(value: string, work: () => Promise<T>): Promise<T> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = value;
  try {
    return await work();
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/** The settings of bench/processing/noop-worker.ts, given by processing.ts. */
export function noopWorkerEnv() {
  const { REDIS_URL, REDIS_PREFIX, NOOP_QUEUE, NOOP_CONCURRENCY } = process.env;
  if (!REDIS_URL || !REDIS_PREFIX || !NOOP_QUEUE) throw new Error('started by processing.ts only');
  return {
    redisUrl: REDIS_URL,
    prefix: REDIS_PREFIX,
    queue: NOOP_QUEUE,
    concurrency: Number(NOOP_CONCURRENCY ?? 50),
  };
}

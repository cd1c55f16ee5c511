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

/**
 * `npm run bench -- --scale`: the prefix of its two shops' databases
 * (BENCH_SCALE_DATABASE_PREFIX, default `stockpulse_bench_scale`: `…_ref`, `…_small`).
 */
export function scaleDatabasePrefix(): string {
  const { BENCH_SCALE_DATABASE_PREFIX } = process.env;
  const prefix = BENCH_SCALE_DATABASE_PREFIX || 'stockpulse_bench_scale';
  if (!/^[A-Za-z0-9_]{1,40}$/.test(prefix)) {
    throw new Error('BENCH_SCALE_DATABASE_PREFIX: letters, digits and _ only, at most 40');
  }
  return prefix;
}

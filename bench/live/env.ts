import {
  blankAsUnset,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  mysqlUrlVar,
  parseEnvWith,
  redisUrlVar,
} from '@stockpulse/shared';
import { z } from 'zod';

// The only place the live benchmark reads process.env.
const Env = z.object({
  DATABASE_URL: blankAsUnset(mysqlUrlVar.default(DEFAULT_DATABASE_URL)),
  REDIS_URL: blankAsUnset(redisUrlVar.default(DEFAULT_REDIS_URL)),
  /** Wall-clock bound of the whole run, seconds. */
  LIVE_BENCH_BUDGET_S: z.coerce.number().positive().max(3_600).default(240),
  /** Set by run.ts for the server child: the adapter's channel prefix. */
  LIVE_BENCH_KEY: z.string().optional(),
});

export const readEnv = () => parseEnvWith(Env, process.env);

/** The environment for the server child: ours plus `extra`. */
export const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  ...extra,
});

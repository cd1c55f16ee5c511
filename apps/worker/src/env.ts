import {
  blankAsUnset,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  logLevelVar,
  mysqlUrlVar,
  parseEnvWith,
  redisUrlVar,
} from '@stockpulse/shared';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: blankAsUnset(mysqlUrlVar.default(DEFAULT_DATABASE_URL)),
  REDIS_URL: blankAsUnset(redisUrlVar.default(DEFAULT_REDIS_URL)),
  LOG_LEVEL: blankAsUnset(logLevelVar),
  NODE_ENV: blankAsUnset(z.enum(['development', 'production', 'test']).default('development')),
  /** The simulated payment provider of the `orders` queue: how slow, how often it declines. */
  PAYMENT_LATENCY_MS: blankAsUnset(
    z.coerce
      .number({ error: 'expected milliseconds, a whole number ≥ 0' })
      .int()
      .min(0)
      .default(500),
  ),
  PAYMENT_FAILURE_RATE: blankAsUnset(
    z.coerce.number({ error: 'expected a fraction from 0 to 1' }).min(0).max(1).default(0.05),
  ),
});

export type WorkerEnv = z.infer<typeof schema>;

/** Validates `source` (e.g. process.env); throws an Error naming every bad variable. */
export const parseEnv = (source: Record<string, string | undefined>): WorkerEnv =>
  parseEnvWith(schema, source);

/** The only read of process.env in the worker. */
export const readEnv = (): WorkerEnv => parseEnv(process.env);

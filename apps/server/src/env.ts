import {
  blankAsUnset,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  logLevelVar,
  mysqlUrlVar,
  parseEnvWith,
  portVar,
  redisUrlVar,
} from '@stockpulse/shared';
import { z } from 'zod';

const schema = z.object({
  PORT: blankAsUnset(portVar.default(3000)),
  HOST: blankAsUnset(z.string().default('0.0.0.0')),
  DATABASE_URL: blankAsUnset(mysqlUrlVar.default(DEFAULT_DATABASE_URL)),
  REDIS_URL: blankAsUnset(redisUrlVar.default(DEFAULT_REDIS_URL)),
  LOG_LEVEL: blankAsUnset(logLevelVar),
  NODE_ENV: blankAsUnset(z.enum(['development', 'production', 'test']).default('development')),
});

export type ServerEnv = z.infer<typeof schema>;

/** Validates `source` (e.g. process.env); throws an Error naming every bad variable. */
export const parseEnv = (source: Record<string, string | undefined>): ServerEnv =>
  parseEnvWith(schema, source);

/** The only read of process.env in the server. */
export const readEnv = (): ServerEnv => parseEnv(process.env);

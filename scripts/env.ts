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

/**
 * The root scripts' environment (npm start, npm run dev, npm run db:*): validated once, with
 * the defaults a fresh checkout runs on. The apps validate their own copy of what they need.
 */

/** The seeded admin's password when ADMIN_PASSWORD is unset: for a local machine only. */
export const LOCAL_ADMIN_PASSWORD = 'stockpulse-admin';

const schema = z.object({
  PORT: blankAsUnset(portVar.min(1).default(3000)),
  DATABASE_URL: blankAsUnset(mysqlUrlVar.default(DEFAULT_DATABASE_URL)),
  REDIS_URL: blankAsUnset(redisUrlVar.default(DEFAULT_REDIS_URL)),
  ADMIN_EMAIL: blankAsUnset(z.email().default('admin@stockpulse.local')),
  ADMIN_PASSWORD: blankAsUnset(z.string().min(8, 'expected at least 8 characters').optional()),
  PAYMENT_LATENCY_MS: blankAsUnset(z.coerce.number().int().min(0).optional()),
  PAYMENT_FAILURE_RATE: blankAsUnset(z.coerce.number().min(0).max(1).optional()),
  LOG_LEVEL: blankAsUnset(logLevelVar),
});

export interface RootEnv extends Omit<z.infer<typeof schema>, 'ADMIN_PASSWORD'> {
  ADMIN_PASSWORD: string;
  /** True when ADMIN_PASSWORD was not set and the local default applies. */
  adminPasswordIsDefault: boolean;
}

/** Validates `source`; throws an Error naming every bad variable. */
export function parseRootEnv(source: Record<string, string | undefined>): RootEnv {
  const { ADMIN_PASSWORD, ...rest } = parseEnvWith(schema, source);
  return {
    ...rest,
    ADMIN_PASSWORD: ADMIN_PASSWORD ?? LOCAL_ADMIN_PASSWORD,
    adminPasswordIsDefault: ADMIN_PASSWORD === undefined,
  };
}

/** The only read of process.env in scripts/. */
export function readRootEnv(): RootEnv {
  return parseRootEnv(process.env);
}

/**
 * What the server and worker are started with: our environment (PATH, HOME…) with the
 * validated values, and the service URLs actually in use, written over it.
 */
export function childEnv(values: Record<string, string | number | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) env[name] = String(value);
  }
  return env;
}

import {
  blankAsUnset,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  mysqlUrlVar,
  parseEnvWith,
  redisUrlVar,
} from '@stockpulse/shared';
import { z } from 'zod';

// The only place devstack reads process.env: validated once, failing with the variable's name.
const Env = z.object({
  DATABASE_URL: blankAsUnset(mysqlUrlVar.default(DEFAULT_DATABASE_URL)),
  REDIS_URL: blankAsUnset(redisUrlVar.default(DEFAULT_REDIS_URL)),
  PATH: z.string().default(''),
});

const parseEnv = () => parseEnvWith(Env, process.env);

let cached: z.infer<typeof Env> | undefined;
function env() {
  cached ??= parseEnv();
  return cached;
}

/** The service URLs a test run starts from (DATABASE_URL, REDIS_URL or the local defaults). */
export function testServiceUrls() {
  const { DATABASE_URL, REDIS_URL } = env();
  return { databaseUrl: DATABASE_URL, redisUrl: REDIS_URL };
}

/** The PATH that binary discovery searches before the well-known install folders. */
export function searchPath(): string {
  return env().PATH;
}

/** The environment for a child process: ours plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

import { z } from 'zod';

/**
 * The pieces every app's `env.ts` builds its schema from, so that one variable means the
 * same, and is checked the same, everywhere (server, worker, root scripts, tests).
 */

export const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/stockpulse';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Unset and empty mean the same: the default applies. */
export const blankAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);

export const portVar = z.coerce
  .number({ error: 'expected a port number, 0 to 65535' })
  .int()
  .min(0)
  .max(65_535);

export const mysqlUrlVar = z
  .url({ protocol: /^mysql$/, error: 'expected mysql://user[:password]@host[:port]/database' })
  .refine((url) => !URL.canParse(url) || /^\/\w{1,64}$/.test(new URL(url).pathname), {
    error: 'expected a database name of letters, digits and _ after the host',
  });

export const redisUrlVar = z.url({
  protocol: /^rediss?$/,
  error: 'expected redis://[:password@]host[:port][/db]',
});

/**
 * Starts every Redis key Stockpulse writes: BullMQ's queues, the outbox wake-up channel,
 * the Socket.IO adapter's key, the sign-in rate limits. One per deployment (or test run).
 */
export const redisPrefixVar = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'expected 1–64 letters, digits, - or _' })
  .default('stockpulse');

export const logLevelVar = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

/** Validates `source` (e.g. process.env); throws an Error naming every bad variable. */
export function parseEnvWith<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
): z.infer<T> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${lines.join('\n')}`);
}

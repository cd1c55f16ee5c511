import { loadEnv } from '@stockpulse/runtime';
import {
  blankAsUnset,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  DEFAULT_RETURN_WINDOW_DAYS,
  logLevelVar,
  mysqlUrlVar,
  parseEnvWith,
  portVar,
  redisPrefixVar,
  redisUrlVar,
} from '@stockpulse/shared';
import { z } from 'zod';
import { DEFAULT_METRICS_ALLOW, metricsAllowVar } from './metrics/allow';

/**
 * Which proxies' `X-Forwarded-For`/`-Proto` are believed, so the client address (the
 * per-address limits) and https (the cookie's Secure flag) come from the proxy:
 * - `false` (default): the server faces the client; both headers are ignored.
 * - a number of hops, e.g. `1` for one load balancer, `2` for a CDN in front of it: the
 *   client address is the one the outermost trusted proxy saw (counting from the right
 *   of X-Forwarded-For); entries further left are the client's own writing, ignored.
 * - `true`: the same as `1`. (It used to believe the first entry, which the client chooses.)
 * - a comma-separated list of the proxies' addresses/CIDRs: hops from those are skipped.
 */
const trustProxyVar = z
  .string()
  .trim()
  .regex(/^(true|false|\d{1,2}|[\da-fA-F.:/]+(\s*,\s*[\da-fA-F.:/]+)*)$/, {
    error: 'expected false, a number of proxy hops (true = 1), or comma-separated proxy addresses',
  })
  .transform((value): false | number | string => {
    if (value === 'true') return 1;
    if (value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value) || false;
    return value;
  });

/**
 * Origins allowed to open a socket besides the server's own (same-origin is always
 * allowed): a comma-separated list such as the Vite dev servers'
 * `http://localhost:5173,http://localhost:5174`. Default: none.
 */
const originListVar = z
  .string()
  .trim()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().regex(/^https?:\/\/[^/\s]+$/, {
        error: 'expected origins like http://localhost:5173, comma-separated',
      }),
    ),
  );

const booleanVar = z
  .enum(['true', 'false'], { error: 'expected true or false' })
  .transform((value) => value === 'true');

const schema = z
  .object({
    PORT: blankAsUnset(portVar.default(3000)),
    HOST: blankAsUnset(z.string().default('0.0.0.0')),
    DATABASE_URL: blankAsUnset(mysqlUrlVar.default(DEFAULT_DATABASE_URL)),
    REDIS_URL: blankAsUnset(redisUrlVar.default(DEFAULT_REDIS_URL)),
    LOG_LEVEL: blankAsUnset(logLevelVar),
    TRUST_PROXY: blankAsUnset(trustProxyVar.default(false)),
    REDIS_PREFIX: blankAsUnset(redisPrefixVar),
    /** The card payment provider that `payments.tokenize` stands in for (DESIGN §12). */
    PAYMENT_PROVIDER: blankAsUnset(z.enum(['simulated']).default('simulated')),
    /** Signs the simulated provider's tokens; the worker's PAYMENT_TOKEN_SECRET must match. */
    PAYMENT_TOKEN_SECRET: blankAsUnset(
      z
        .string()
        .min(16, { error: 'expected at least 16 characters' })
        .default('stockpulse-dev-payment-token-secret'),
    ),
    LIVE_ALLOWED_ORIGINS: blankAsUnset(originListVar.default([])),
    /** How often the live layer looks for sockets whose session expired (ms). */
    LIVE_SESSION_CHECK_MS: blankAsUnset(
      z.coerce
        .number({ error: 'expected milliseconds, a whole number from 100' })
        .int()
        .min(100)
        .default(60_000),
    ),
    /**
     * How long a session found in the table is answered from memory (ms); 0 reads the table
     * on every request. Sign-outs reach every server's cache over Redis at once.
     */
    SESSION_CACHE_MS: blankAsUnset(
      z.coerce
        .number({ error: 'expected milliseconds, a whole number from 0 to 60000' })
        .int()
        .min(0)
        .max(60_000)
        .default(10_000),
    ),
    /**
     * Calls one batched tRPC request may carry; a longer batch is refused whole (400). The
     * fronts batch at most 10, hence the floor.
     */
    TRPC_MAX_BATCH: blankAsUnset(
      z.coerce
        .number({ error: 'expected a whole number of calls from 10 to 1000' })
        .int()
        .min(10)
        .max(1000)
        .default(20),
    ),
    /**
     * Sign-ups (auth.register calls, refused ones too) per client address per hour; past it
     * TOO_MANY_ATTEMPTS. Also what makes probing emails through EMAIL_TAKEN slow.
     */
    REGISTER_LIMIT: blankAsUnset(
      z.coerce
        .number({ error: 'expected a whole number of sign-ups per hour, from 1' })
        .int()
        .min(1)
        .default(10),
    ),
    /** Days after delivery in which a shopper may ask for a return (DESIGN §12). */
    RETURN_WINDOW_DAYS: blankAsUnset(
      z.coerce
        .number({ error: 'expected a whole number of days, from 0 to 3650' })
        .int()
        .min(0)
        .max(3650)
        .default(DEFAULT_RETURN_WINDOW_DAYS),
    ),
    NODE_ENV: blankAsUnset(z.enum(['development', 'production', 'test']).default('development')),
    /**
     * Where the built fronts are: a folder holding `storefront/` and `admin/` (each a
     * `vite build` output). Default: the repository's `apps/storefront/dist` and
     * `apps/admin/dist`. The end-to-end tests build into a folder of their own run.
     */
    FRONTS_DIR: blankAsUnset(z.string().trim().min(1).optional()),
    /** Who may read /metrics; everyone else gets a 404 (see metrics/allow.ts). */
    METRICS_ALLOW: blankAsUnset(metricsAllowVar.default([...DEFAULT_METRICS_ALLOW])),
    /**
     * The folder uploaded product photos are kept in (created at start-up); default
     * `.data/media` in the repository. Not read when MEDIA_S3_BUCKET is set.
     */
    MEDIA_DIR: blankAsUnset(z.string().trim().min(1).optional()),
    /** An S3-compatible bucket for the photos instead of the folder (media/config.ts). */
    MEDIA_S3_BUCKET: blankAsUnset(
      z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'expected an S3 bucket name' })
        .optional(),
    ),
    /** The service's URL (MinIO, R2, Ceph…); unset: AWS. */
    MEDIA_S3_ENDPOINT: blankAsUnset(
      z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    ),
    MEDIA_S3_REGION: blankAsUnset(z.string().trim().min(1).default('us-east-1')),
    /** Both keys or neither (neither: the AWS SDK's own chain: env, profile, instance role). */
    MEDIA_S3_ACCESS_KEY_ID: blankAsUnset(z.string().trim().min(1).optional()),
    MEDIA_S3_SECRET_ACCESS_KEY: blankAsUnset(z.string().trim().min(1).optional()),
    /** Put before every object key, e.g. `shop-1/`; default none. */
    MEDIA_S3_PREFIX: blankAsUnset(
      z
        .string()
        .regex(/^[\w.-]+(\/[\w.-]+)*\/$/, { error: 'expected a prefix ending in /, e.g. shop-1/' })
        .optional(),
    ),
    /** Bucket in the path, not the host; default: true with MEDIA_S3_ENDPOINT, false on AWS. */
    MEDIA_S3_FORCE_PATH_STYLE: blankAsUnset(booleanVar.optional()),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.MEDIA_S3_ACCESS_KEY_ID) !== Boolean(env.MEDIA_S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [
          env.MEDIA_S3_ACCESS_KEY_ID ? 'MEDIA_S3_SECRET_ACCESS_KEY' : 'MEDIA_S3_ACCESS_KEY_ID',
        ],
        message: 'set both MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY, or neither',
      });
    }
  });

export type ServerEnv = z.infer<typeof schema>;

/** Validates `source` (e.g. process.env); throws an Error naming every bad variable. */
export const parseEnv = (source: Record<string, string | undefined>): ServerEnv =>
  parseEnvWith(schema, source);

/**
 * The only read of process.env in the server, once at start-up: a bad variable is printed
 * (every one of them) and the process exits 1.
 */
export const readEnv = (): ServerEnv => loadEnv(schema, process.env);

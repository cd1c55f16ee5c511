import { loadEnv } from '@stockpulse/runtime';
import {
  blankAsUnset,
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  logLevelVar,
  mysqlUrlVar,
  PAYMENT_CAPTURE_MODES,
  parseEnvWith,
  redisPrefixVar,
  redisUrlVar,
} from '@stockpulse/shared';
import { z } from 'zod';

/** The simulated provider's development secret (set PAYMENT_TOKEN_SECRET in production). */
const DEV_PAYMENT_SECRET = 'stockpulse-dev-payment-token-secret';
const PAYMENT_PROVIDERS = ['simulated'] as const;

const ms = (fallback: number, min = 0) =>
  blankAsUnset(
    z.coerce
      .number({ error: `expected milliseconds, a whole number ≥ ${min}` })
      .int()
      .min(min)
      .default(fallback),
  );
const count = (fallback: number) =>
  blankAsUnset(
    z.coerce.number({ error: 'expected a whole number ≥ 1' }).int().min(1).default(fallback),
  );

const schema = z.object({
  DATABASE_URL: blankAsUnset(mysqlUrlVar.default(DEFAULT_DATABASE_URL)),
  REDIS_URL: blankAsUnset(redisUrlVar.default(DEFAULT_REDIS_URL)),
  LOG_LEVEL: blankAsUnset(logLevelVar),
  NODE_ENV: blankAsUnset(z.enum(['development', 'production', 'test']).default('development')),
  /** The simulated payment provider: how slow, how often it fails transiently (retried). */
  PAYMENT_LATENCY_MS: ms(500),
  PAYMENT_FAILURE_RATE: blankAsUnset(
    z.coerce.number({ error: 'expected a fraction from 0 to 1' }).min(0).max(1).default(0.05),
  ),
  /** The card payment provider (DESIGN §12); a real one is another adapter in core/payments. */
  PAYMENT_PROVIDER: blankAsUnset(z.enum(PAYMENT_PROVIDERS).default('simulated')),
  /** Signs the simulated provider's tokens; the server's PAYMENT_TOKEN_SECRET must match. */
  PAYMENT_TOKEN_SECRET: blankAsUnset(
    z.string().min(16, { error: 'expected at least 16 characters' }).default(DEV_PAYMENT_SECRET),
  ),
  /** When payments are captured: at the first shipment (default) or at authorization. */
  PAYMENT_CAPTURE: blankAsUnset(z.enum(PAYMENT_CAPTURE_MODES).default('shipment')),
  /** Payment jobs (capture, void, refund) at once, per worker process. */
  PAYMENTS_CONCURRENCY: count(10),
  REDIS_PREFIX: blankAsUnset(redisPrefixVar),
  /**
   * What this process runs: `all`; or `relay` (the outbox relay alone) and `jobs`
   * (processors, scheduler, sweeper), to give the relay an event loop of its own.
   */
  WORKER_ROLE: blankAsUnset(z.enum(['all', 'relay', 'jobs']).default('all')),
  /** Payments in flight at once, per worker process. */
  ORDER_CONCURRENCY: count(50),
  /**
   * Payments arriving within this window share their statements (one status read, one
   * transaction for up to PAYMENT_BATCH_MAX of them); 0 batches only those of one turn.
   */
  PAYMENT_BATCH_WINDOW_MS: ms(10),
  PAYMENT_BATCH_MAX: count(50),
  /** The simulated supplier's delivery time (the delay of a `receive` job). */
  RESTOCK_LEAD_TIME_MS: ms(20_000),
  RESTOCK_SCAN_EVERY_MS: ms(30_000, 1_000),
  /**
   * A pending order this old whose payment job is gone (Redis lost its data) has the job
   * added again by the sweeper; with SWEEP_EVERY_MS it is found within 45 s by default.
   */
  PAYMENT_REQUEUE_AFTER_MS: ms(30_000, 1_000),
  /** A pending order whose job is gone is cancelled (`expired`) after this instead. */
  ORDER_EXPIRY_MS: ms(15 * 60_000, 1_000),
  SWEEP_EVERY_MS: ms(15_000, 100),
  /** The relay's fallback poll, for a wake-up that got lost. */
  OUTBOX_POLL_MS: ms(1_000, 50),
  /** BullMQ job lock and stalled-job check: how soon a killed worker's job is taken up again. */
  JOB_LOCK_MS: ms(30_000, 1_000),
  STALLED_CHECK_MS: ms(30_000, 500),
});

export type WorkerEnv = z.infer<typeof schema>;

/** Validates `source` (e.g. process.env); throws an Error naming every bad variable. */
export const parseEnv = (source: Record<string, string | undefined>): WorkerEnv =>
  parseEnvWith(schema, source);

/**
 * The only read of process.env in the worker, once at start-up: a bad variable is printed
 * (every one of them) and the process exits 1.
 */
export const readEnv = (): WorkerEnv => loadEnv(schema, process.env);

import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('worker environment', () => {
  it('defaults everything a local run needs', () => {
    expect(parseEnv({})).toEqual({
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/stockpulse',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      PAYMENT_LATENCY_MS: 500,
      PAYMENT_FAILURE_RATE: 0.05,
      PAYMENT_PROVIDER: 'simulated',
      PAYMENT_TOKEN_SECRET: 'stockpulse-dev-payment-token-secret',
      PAYMENT_CAPTURE: 'shipment',
      PAYMENTS_CONCURRENCY: 10,
      REDIS_PREFIX: 'stockpulse',
      WORKER_ROLE: 'all',
      ORDER_CONCURRENCY: 50,
      PAYMENT_BATCH_WINDOW_MS: 10,
      PAYMENT_BATCH_MAX: 50,
      RESTOCK_LEAD_TIME_MS: 20_000,
      RESTOCK_SCAN_EVERY_MS: 30_000,
      PAYMENT_REQUEUE_AFTER_MS: 30_000,
      ORDER_EXPIRY_MS: 900_000,
      SWEEP_EVERY_MS: 15_000,
      OUTBOX_POLL_MS: 1_000,
      JOB_LOCK_MS: 30_000,
      STALLED_CHECK_MS: 30_000,
    });
  });

  it('reads what is set, treating an empty value as unset', () => {
    expect(
      parseEnv({ REDIS_URL: 'redis://cache:6380/2', PAYMENT_LATENCY_MS: '0', LOG_LEVEL: '' }),
    ).toMatchObject({
      REDIS_URL: 'redis://cache:6380/2',
      PAYMENT_LATENCY_MS: 0,
      LOG_LEVEL: 'info',
    });
  });

  it.each([
    ['DATABASE_URL', 'nope'],
    ['DATABASE_URL', 'mysql://root@127.0.0.1:3306'],
    ['REDIS_URL', 'nope'],
    ['LOG_LEVEL', 'verbose'],
    ['PAYMENT_LATENCY_MS', 'slow'],
    ['PAYMENT_LATENCY_MS', '-1'],
    ['PAYMENT_FAILURE_RATE', '2'],
    ['PAYMENT_PROVIDER', 'stripe'],
    ['PAYMENT_TOKEN_SECRET', 'short'],
    ['PAYMENT_CAPTURE', 'later'],
    ['REDIS_PREFIX', 'has:colon'],
    ['ORDER_CONCURRENCY', '0'],
    ['PAYMENT_BATCH_MAX', '0'],
    ['PAYMENT_BATCH_WINDOW_MS', '-1'],
    ['WORKER_ROLE', 'everything'],
    ['RESTOCK_SCAN_EVERY_MS', '10'],
    ['JOB_LOCK_MS', 'soon'],
  ])('rejects %s=%s, naming the variable', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(
      new RegExp(`^Invalid environment:\\n  ${name}: `),
    );
  });
});

import { fileURLToPath } from 'node:url';
import { hashPassword } from '@stockpulse/core';
import { openWorld, type World } from '@stockpulse/core/testing';
import { DEMO_CUSTOMER, seed } from '@stockpulse/db/seed';
import {
  createTestDatabase,
  deleteKeysWithPrefix,
  eventually,
  exitOf,
  spawnMain,
} from '@stockpulse/devstack';
import { inject } from 'vitest';
import { buildFrontsOnce } from './fronts';

const serverMain = fileURLToPath(new URL('../../../apps/server/src/main.ts', import.meta.url));
const workerMain = fileURLToPath(new URL('../../../apps/worker/src/main.ts', import.meta.url));

export interface Credentials {
  email: string;
  password: string;
}

export interface Stack {
  /** `http://127.0.0.1:<port>`: the storefront at `/`, the admin console at `/admin`. */
  url: string;
  databaseUrl: string;
  /** Direct database access for setting up and checking (products, customers, rows). */
  world: World;
  admin: Credentials;
  /** The seeded demo shopper. */
  customer: Credentials;
  /** What the server and the worker printed so far (for a failing test's message). */
  logs(): string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Extra worker environment, e.g. `{ PAYMENT_FAILURE_RATE: '1' }`. */
  workerEnv?: Record<string, string>;
  /** Seed sizes of the small demo shop (default 40 products, 8 customers, 40 orders). */
  seed?: { products?: number; customers?: number; orders?: number };
}

const ADMIN: Credentials = { email: 'admin@stockpulse.local', password: 'e2e-admin-password' };

let stacks = 0;

/**
 * The real product for a browser test: both fronts built for production, a fresh migrated
 * and seeded database, the server (tRPC, Socket.IO, the built fronts) and the worker
 * (outbox relay and jobs) as child processes on a free port, sharing this test run's
 * MySQL and Redis under a Redis prefix of their own.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  stacks += 1;
  const prefix = `${inject('redisPrefix')}-e2e-${process.pid}-${stacks}`;
  const redisUrl = inject('redisUrl');
  const [frontsDir, database] = await Promise.all([
    buildFrontsOnce(inject('redisPrefix')),
    createTestDatabase(inject('databaseUrl')),
  ]);
  await seed(database.url, {
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    hashPassword,
    products: options.seed?.products ?? 40,
    customers: options.seed?.customers ?? 8,
    orders: options.seed?.orders ?? 40,
  });
  const world = openWorld(database.url, { connectionLimit: 5 });
  const common = {
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
  };
  const server = spawnMain(serverMain, {
    ...common,
    PORT: '0',
    HOST: '127.0.0.1',
    FRONTS_DIR: frontsDir,
    // Every e2e customer signs up from 127.0.0.1: more than the default 10 an hour.
    REGISTER_LIMIT: '10000',
  });
  const worker = spawnMain(workerMain, {
    ...common,
    WORKER_ROLE: 'all',
    PAYMENT_LATENCY_MS: '300',
    PAYMENT_FAILURE_RATE: '0',
    ...options.workerEnv,
  });
  const processes = [server, worker];
  const logs = () =>
    processes
      .map(
        ({ output }, i) =>
          `── ${i === 0 ? 'server' : 'worker'} ──\n${output().stdout}${output().stderr}`,
      )
      .join('\n');
  const stop = async () => {
    for (const { child } of processes) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(processes.map(({ child }) => exitOf(child)));
    await world.close();
    await database.drop();
    await deleteKeysWithPrefix(redisUrl, prefix);
  };
  try {
    const url = await eventually(
      'the server to listen',
      () => {
        for (const { child } of processes)
          if (child.exitCode !== null)
            throw new Error(`a process of the stack exited:\n${logs().slice(-4_000)}`);
        return /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output().stdout)?.[1];
      },
      60_000,
    );
    await eventually(
      'the server ready',
      async () => ((await fetch(`${url}/readyz`).catch(() => null))?.ok ? true : undefined),
      30_000,
    );
    return {
      url,
      databaseUrl: database.url,
      world,
      admin: ADMIN,
      customer: { email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password },
      logs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

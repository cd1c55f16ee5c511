import { fileURLToPath } from 'node:url';
import { invariantViolations } from '@stockpulse/core/testing';
import { connect, type DatabaseHandle } from '@stockpulse/db';
import {
  createTestDatabase,
  eventually,
  exitOf,
  REPO_ROOT,
  Supervisor,
  spawnMain,
  type TestDatabase,
} from '@stockpulse/devstack';
import { orderJobId } from '@stockpulse/shared';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { order, shop, statuses, transitions, unpublishedCount } from './testing';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const startMain = (env: Record<string, string>) => spawnMain(main, env);

// A database and a queue prefix of this file's own: a worker started here processes only
// the orders placed here, never another test file's.
let database: TestDatabase;
let handle: DatabaseHandle;
const prefix = () => `${inject('redisPrefix')}-main`;
beforeAll(async () => {
  database = await createTestDatabase(inject('databaseUrl'));
  handle = connect(database.url);
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

describe('worker main', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'connects, stays up, and exits 0 promptly on %s',
    async (signal) => {
      const { child, output } = startMain({
        DATABASE_URL: database.url,
        REDIS_URL: inject('redisUrl'),
        REDIS_PREFIX: prefix(),
      });
      try {
        await eventually(
          'the ready line',
          () => output().stdout.includes('worker ready') || undefined,
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(child.exitCode).toBeNull();

        const started = Date.now();
        child.kill(signal);
        expect(await exitOf(child)).toBe(0);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(output().stdout).toMatch(/"msg":"stopped"/);
      } finally {
        child.kill('SIGKILL');
      }
    },
  );

  it('refuses to start on a bad variable, naming it', async () => {
    const { child, output } = startMain({ REDIS_URL: 'nope' });
    expect(await exitOf(child)).toBe(1);
    expect(output().stderr).toMatch(/REDIS_URL: /);
  });

  it('exits 1 when MySQL does not answer', async () => {
    const { child, output } = startMain({
      DATABASE_URL: 'mysql://root@127.0.0.1:1/nothing',
      REDIS_URL: inject('redisUrl'),
    });
    expect(await exitOf(child)).toBe(1);
    expect(output().stdout).toMatch(/MySQL does not answer/);
  });

  it('takes up again the job of a worker killed mid-payment; the order is paid once', async () => {
    const { customerId, productIds } = await shop(handle, { products: 1, onHand: 5 });
    const id = await order(handle.db, customerId, productIds[0]!);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: inject('redisUrl'),
      REDIS_PREFIX: `${prefix()}-kill`,
      LOG_LEVEL: 'debug',
      // A lost lock is noticed within ~3 s instead of BullMQ's default 30 s.
      JOB_LOCK_MS: '2000',
      STALLED_CHECK_MS: '1000',
    };
    const first = startMain({ ...env, PAYMENT_LATENCY_MS: '60000' });
    const second = { child: undefined as ReturnType<typeof startMain>['child'] | undefined };
    const connection = new Redis(inject('redisUrl'));
    const queue = new Queue('orders', { connection, prefix: env.REDIS_PREFIX });
    try {
      await eventually('the payment under way', () =>
        first.output().stdout.includes('authorising payment') ? true : undefined,
      );
      expect(await (await queue.getJob(orderJobId(id)))?.getState()).toBe('active');
      first.child.kill('SIGKILL');
      expect(await exitOf(first.child)).toBeNull();
      expect(await statuses(handle, [id])).toMatchObject([{ status: 'pending' }]);

      second.child = startMain({ ...env, PAYMENT_LATENCY_MS: '50' }).child;
      await eventually('the order paid', async () =>
        (await statuses(handle, [id]))[0]?.status === 'paid' ? true : undefined,
      );
      expect((await transitions(handle, [id])).get(id)).toEqual(['null>pending', 'pending>paid']);
      expect(await (await queue.getJob(orderJobId(id)))?.getState()).toBe('completed');
      await eventually('the outbox drained', async () =>
        (await unpublishedCount(handle)) === 0 ? true : undefined,
      );
      expect(await invariantViolations(handle.pool)).toEqual([]);
    } finally {
      first.child.kill('SIGKILL');
      second.child?.kill('SIGKILL');
      await queue.close();
      connection.disconnect();
    }
  });

  it("comes back after a SIGKILL under npm start's supervisor, and pays the orders placed meanwhile", async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({
      write: (line) => lines.push(line),
      restart: { firstDelayMs: 200 },
    });
    const ready = () => lines.filter((line) => line.includes('worker ready')).length;
    try {
      const worker = supervisor.start({
        name: 'worker',
        command: process.execPath,
        args: ['--import', 'tsx', main],
        cwd: REPO_ROOT,
        env: {
          DATABASE_URL: database.url,
          REDIS_URL: inject('redisUrl'),
          REDIS_PREFIX: `${prefix()}-supervised`,
          PAYMENT_LATENCY_MS: '0',
          PAYMENT_FAILURE_RATE: '0',
        },
      });
      await eventually('the worker ready', () => (ready() === 1 ? true : undefined));
      process.kill(worker.pid, 'SIGKILL');
      const { customerId, productIds } = await shop(handle, { products: 1, onHand: 5 });
      const placed = [
        await order(handle.db, customerId, productIds[0]!),
        await order(handle.db, customerId, productIds[0]!),
      ];
      await eventually('the worker ready again', () => (ready() === 2 ? true : undefined), 30_000);
      expect(lines).toContain(
        '[worker] ✗ stopped unexpectedly (killed by SIGKILL); restarting in 0.2 s (crash 1 within 60 s; stops at 5)',
      );
      await eventually('the orders placed meanwhile paid', async () =>
        (await statuses(handle, placed)).every((o) => o.status === 'paid') ? true : undefined,
      );
    } finally {
      await supervisor.stopAll(5_000);
    }
  });
});

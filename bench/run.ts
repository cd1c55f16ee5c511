/**
 * `npm run bench` — the throughput benchmark (docs/architecture.md "Performance"): loopback only, every load bounded in count and
 * time, the whole run bounded by a time budget.
 *
 *   npm run bench -- [--quick] [--rounds N] [--budget SECONDS]
 *
 * Builds the server and the worker, makes a fresh database seeded for the run (and a Redis
 * prefix of its own), starts the BUILT server as a child process, and measures:
 *   1. checkout over the catalog, full stack vs the raw SQL baseline, 8/16/32 clients,
 *      and an open-loop load at half the peak (bench/checkout/checkout.ts);
 *   2. the same on one hot product, and a 50-unit product sold out exactly;
 *   3. the SQL statements of one placement, counted (bench/checkout/statements.ts);
 *   4. order processing by 1 and 2 jobs workers vs BullMQ no-op, and keep-up
 *      (bench/processing/processing.ts);
 *   5. the live layer (bench/live: fan-out.ts, commit-to-admin.ts);
 *   6. the fronts' initial JS (inspectBrowserBundle);
 *   7. CPU and RSS per 1,000 orders of the server and the workers (/proc);
 *   8. an order's whole life: server + relay + jobs worker under 16 clients
 *      placing, every order paid, vs raw SQL placing and paying (bench/lifecycle).
 * Results: bench/results/<date>.json and .md, and bench/results/latest.md (report.ts).
 * --quick: one round of short loads, fewer sockets, a shorter keep-up: under two minutes.
 * --lifecycle-only: build, seed and measure 8 alone (about a minute; with --quick less).
 *
 *   npm run bench -- --scale [--scale-rebuild] …   (bench/scale/run.ts)
 *
 * Instead of all the above: the admin's and storefront's lists and reports timed on the reference shop and
 * on a 10k-order shop, built once and reused; `--scale-rebuild` seeds them again.
 * `npm run bench -- --help` prints both usages.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deleteKeysWithPrefix, findOrStartServices, REPO_ROOT } from '@stockpulse/devstack';
import { type CheckoutResult, measureCheckout } from './checkout/checkout';
import { createRawPool } from './checkout/raw-placement';
import { countStatements } from './checkout/statements';
import { createFixture, type Fixture } from './fixture';
import { measureFrontEnd } from './front-end';
import { closeHttpPools } from './http-client';
import { measureLifecycle } from './lifecycle/lifecycle';
import { measureCommitToAdmin } from './live/commit-to-admin';
import { readEnv } from './live/env';
import { measureFanOut } from './live/fan-out';
import { measureProcessing } from './processing/processing';
import { type BenchResult, writeResults } from './report';
import { runScaleBench, SCALE_USAGE } from './scale/run';
import { buildServerAndWorker, type Child, sample, startServer, stopAll } from './stack';
import { percentile, round } from './stats';

/** Thrown to leave the run's try block once --lifecycle-only has measured. */
class LifecycleOnlyDone extends Error {}

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
function numberArg(name: string, fallback: number, max: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  }
  return value;
}

if (flag('help')) {
  console.log(
    `npm run bench -- [--quick] [--rounds N] [--budget SECONDS] [--profile-server] [--lifecycle-only]\n  The throughput benchmark on a fresh database (see bench/run.ts); --lifecycle-only: only an order's whole life.\n\n${SCALE_USAGE}`,
  );
  process.exit(0);
}
if (flag('scale')) process.exit(await runScaleBench(process.argv.slice(2)));

const quick = flag('quick');
const lifecycleOnly = flag('lifecycle-only');
/** `--profile-server`: the server writes a V8 CPU profile of the run (bench/results/profiles). */
const profileDir = flag('profile-server')
  ? join(REPO_ROOT, 'bench', 'results', 'profiles', new Date().toISOString().replace(/[:.]/g, '-'))
  : undefined;
const settings = quick
  ? {
      rounds: numberArg('rounds', 1, 10),
      budgetS: numberArg('budget', 105, 3_600),
      seconds: 2,
      concurrencies: [8, 16, 32],
      hotConcurrencies: [32],
      openSeconds: 3,
      maxRequests: 20_000,
      batch: 400,
      keepUpSeconds: 6,
      liveSockets: 200,
      liveChanges: 15,
      liveRounds: 1,
      commitRate: 100,
      commitSeconds: 2,
      lifecycleSeconds: 3,
    }
  : {
      rounds: numberArg('rounds', 3, 10),
      budgetS: numberArg('budget', 1_500, 3_600),
      seconds: 5,
      concurrencies: [8, 16, 32],
      hotConcurrencies: [8, 32],
      openSeconds: 10,
      maxRequests: 50_000,
      batch: 2_000,
      keepUpSeconds: 60,
      liveSockets: 1_000,
      liveChanges: 50,
      liveRounds: 3,
      commitRate: 200,
      commitSeconds: 5,
      lifecycleSeconds: 8,
    };

const started = performance.now();
const startedAt = new Date();
const elapsedS = () => (performance.now() - started) / 1_000;
const overBudget = () => elapsedS() > settings.budgetS;
/** Whether `seconds` more fit in the budget. */
const fits = (seconds: number) => elapsedS() + seconds < settings.budgetS;
const log = (line: string) => console.log(`[${elapsedS().toFixed(0).padStart(4)} s] ${line}`);
const errors: string[] = [];
const failed = (what: string, error: unknown) => {
  const message = `${what}: ${(error as Error).message ?? String(error)}`.slice(0, 600);
  errors.push(message);
  log(`FAILED ${message}`);
  return { skipped: `failed: ${message.slice(0, 200)}` };
};

const env = readEnv();
const services = await findOrStartServices({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  dataDir: join(REPO_ROOT, '.data', 'test-services'),
});
const redisPrefix = `sp-bench-${randomBytes(4).toString('hex')}`;
const stackEnv = (fixture: Fixture) => ({
  databaseUrl: fixture.database.url,
  redisUrl: services.redisUrl,
  redisPrefix,
});

let fixture: Fixture | undefined;
/** The raw lifecycle's database: no relay or worker ever sees its outbox. */
let rawFixture: Fixture | undefined;
let server: (Child & { url: string }) | undefined;
let cleaning: Promise<void> | undefined;
async function cleanUp() {
  cleaning ??= (async () => {
    await server?.stop().catch(() => undefined);
    await stopAll();
    await closeHttpPools().catch(() => undefined); // workers of an interrupted run
    await fixture?.close().catch(() => undefined);
    await rawFixture?.close().catch(() => undefined);
    await deleteKeysWithPrefix(services.redisUrl, redisPrefix).catch(() => undefined);
    await services.stop().catch(() => undefined);
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const result: BenchResult = {
  at: startedAt.toISOString(),
  quick,
  settings,
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    load: loadavg(),
  },
  elapsedS: 0,
  checkout: { skipped: 'not reached' },
  statements: { skipped: 'not reached' },
  processing: { skipped: 'not reached' },
  live: { fanOut: { skipped: 'not reached' }, commitToAdmin: { skipped: 'not reached' } },
  frontEnd: { skipped: 'not reached' },
  cost: { skipped: 'not reached' },
  lifecycle: { skipped: 'not reached' },
  errors,
};

try {
  log('building the server and the worker');
  buildServerAndWorker();
  log('seeding a fresh database');
  fixture = await createFixture(services.databaseUrl, 40);
  server = await startServer(stackEnv(fixture), { profileDir });
  log(`server on ${server.url}`);

  /** 8: an order's whole life against raw place + pay. */
  const lifecycle = async (live: Child & { url: string }, main: Fixture) => {
    try {
      rawFixture = await createFixture(services.databaseUrl, 20);
      const pool = createRawPool(rawFixture.database.url, 10); // the server's pool size
      try {
        result.lifecycle = await measureLifecycle(main, rawFixture, pool, live, stackEnv(main), {
          rounds: settings.rounds,
          seconds: settings.lifecycleSeconds,
          placeOnly: true,
          overBudget,
          log,
        });
      } finally {
        await pool.end();
      }
      const l = result.lifecycle;
      log(
        `lifecycle: ${l.productPerSecond} orders/s vs raw place+pay ${l.rawPerSecond}/s: ${l.ratio}×${l.ok ? '' : ' — FAILED (orders unpaid 5 s after the load, or errors)'}`,
      );
      if (!l.ok) {
        const stuck = l.rounds.flatMap((r) => r.stillPending);
        errors.push(
          `lifecycle: ${stuck.length > 0 ? `orders still pending ${5} s after the load: ${stuck.join(', ')}` : 'errors during the load'}`,
        );
      }
    } catch (error) {
      result.lifecycle = failed('lifecycle', error);
    }
  };
  if (lifecycleOnly) {
    const only = { skipped: '--lifecycle-only' };
    Object.assign(result, { checkout: only, statements: only, processing: only, frontEnd: only });
    result.cost = only;
    result.live = { fanOut: only, commitToAdmin: only };
    await lifecycle(server, fixture);
    throw new LifecycleOnlyDone();
  }

  // 3 first: a quiet database, and it checks that placement works at all.
  try {
    result.statements = await countStatements(fixture, services.redisUrl, redisPrefix);
    log(`statements of one placement: ${result.statements.total}`);
  } catch (error) {
    result.statements = failed('statement count', error);
  }

  // 1, 2
  let checkout: CheckoutResult | undefined;
  const rawPool = createRawPool(fixture.database.url, 10); // the server's pool size
  try {
    checkout = await measureCheckout(fixture, server, rawPool, {
      concurrencies: settings.concurrencies,
      hotConcurrencies: settings.hotConcurrencies,
      rounds: settings.rounds,
      seconds: settings.seconds,
      maxRequests: settings.maxRequests,
      openSeconds: settings.openSeconds,
      overBudget,
      log,
    });
    result.checkout = checkout;
    if (checkout.fifty && !checkout.fifty.ok) {
      errors.push(
        `50 units: ${checkout.fifty.sold} sold, reserved ${checkout.fifty.reserved}, ${checkout.fifty.errors} errors (expected exactly 50)`,
      );
    }
    const end = sample(server.child);
    result.cost = {
      server: {
        cpuSPer1000: round((checkout.serverCpuS * 1_000) / checkout.serverOrders, 3),
        rssMiB: round(end.rssMiB, 1),
        peakRssMiB: round(end.peakRssMiB, 1),
        orders: checkout.serverOrders,
      },
      runner: {
        cpuSPer1000: round((checkout.runnerCpuS * 1_000) / checkout.runnerOrders, 3),
        orders: checkout.runnerOrders,
      },
    };
  } catch (error) {
    result.checkout = failed('checkout', error);
  } finally {
    await rawPool.end();
  }

  // 4
  if (!fits(quick ? 25 : 120)) result.processing = { skipped: 'time budget' };
  else {
    try {
      result.processing = await measureProcessing(fixture, server, stackEnv(fixture), {
        batch: settings.batch,
        keepUpRate: checkout?.peak?.perSecond ?? 0,
        keepUpSeconds: settings.keepUpSeconds,
        overBudget,
        log,
      });
    } catch (error) {
      result.processing = failed('processing', error);
    }
  }

  // 8
  if (!fits(quick ? 30 : 120)) result.lifecycle = { skipped: 'time budget' };
  else await lifecycle(server, fixture);
  await server.stop();
  server = undefined;

  // 5
  const percentileOf = (values: number[], p: number) => percentile(values, p);
  if (!fits(quick ? 10 : 60)) result.live.fanOut = { skipped: 'time budget' };
  else {
    try {
      log(`live: fan-out to ${settings.liveSockets} sockets`);
      result.live.fanOut = await measureFanOut({
        redisUrl: services.redisUrl,
        sockets: settings.liveSockets,
        changes: settings.liveChanges,
        rounds: settings.liveRounds,
        overBudget,
        percentile: percentileOf,
        log: (line) => log(`  ${line}`),
      });
    } catch (error) {
      result.live.fanOut = failed('live fan-out', error);
    }
  }
  if (!fits(quick ? 15 : 40)) result.live.commitToAdmin = { skipped: 'time budget' };
  else {
    try {
      log(`live: commit → admin socket at ${settings.commitRate} orders/s`);
      result.live.commitToAdmin = await measureCommitToAdmin({
        databaseUrl: services.databaseUrl,
        redisUrl: services.redisUrl,
        rate: settings.commitRate,
        seconds: settings.commitSeconds,
        percentile: percentileOf,
      });
      log(
        `  p50 ${result.live.commitToAdmin.commitP50} ms, p99 ${result.live.commitToAdmin.commitP99} ms`,
      );
    } catch (error) {
      result.live.commitToAdmin = failed('live commit-to-admin', error);
    }
  }

  // 6
  if (!fits(20)) result.frontEnd = { skipped: 'time budget' };
  else result.frontEnd = await measureFrontEnd(log, failed);
} catch (error) {
  if (!(error instanceof LifecycleOnlyDone)) failed('run', error);
} finally {
  await cleanUp();
}

result.elapsedS = Math.round(elapsedS());
const { md, files } = writeResults(result, startedAt, lifecycleOnly);
console.log(`\n${md}\nwritten to ${files.join(', ')}`);
process.exit(errors.length > 0 ? 1 : 0);

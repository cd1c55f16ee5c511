/**
 * `npm run bench -- --scale`: the list and report calls, timed over HTTP on the reference shop
 * (DESIGN §10) and on a 10k-order shop of the same proportions, and the table written to
 * bench/results/scale-<date>.md and .json.
 *
 *   npm run bench -- --scale [--scale-rebuild] [--scale-products N --scale-orders N]
 *                           [--scale-samples N] [--scale-budget SECONDS]
 *
 * The shops (databases `<prefix>_ref` and `<prefix>_small`, prefix BENCH_SCALE_DATABASE_PREFIX
 * or `stockpulse_bench_scale`) are seeded once and reused by later runs while valid
 * (shops.ts); `--scale-rebuild` drops and seeds both again. The 10k shop is
 * `--products 1000 --orders 10000`: the reference shop divided by 100, so products per
 * order and orders per customer (60) are the same. `--scale-products/--scale-orders`
 * give the reference shop another size (development: `… 2000 … 20000`), in a database
 * named after it.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO_CUSTOMER } from '@stockpulse/db/seed';
import { deleteKeysWithPrefix, findOrStartServices, REPO_ROOT } from '@stockpulse/devstack';
import { scaleDatabasePrefix } from '../env';
import { closeHttpPools } from '../http-client';
import { readEnv } from '../live/env';
import { buildServerAndWorker, type Child, startServer, stopAll } from '../stack';
import { round } from '../stats';
import { CALLS, LIST_TARGET, procedure } from './calls';
import { signedInClient, signIn } from './clients';
import { measureCall, type Side } from './measure';
import { type ScaleResult, type ScaleRow, writeScaleResults } from './report';
import { readShopFacts } from './shop-facts';
import { ensureShop, SCALE_ADMIN, type Shop, type ShopSpec } from './shops';

export const SCALE_USAGE = `npm run bench -- --scale [--scale-rebuild] [--scale-products N --scale-orders N] [--scale-samples N] [--scale-budget SECONDS]
  Times the list and report calls over HTTP on the reference shop (--products 100000 --orders 1000000)
  and on a 10k-order shop (--products 1000 --orders 10000). The shops are databases
  <prefix>_ref and <prefix>_small (prefix: BENCH_SCALE_DATABASE_PREFIX, default
  stockpulse_bench_scale), seeded once and reused while their seed options, migrations
  and row counts still match; --scale-rebuild drops and seeds them again (the reference
  shop takes a few minutes). Results: bench/results/scale-<date>.md and .json.`;

function numberFlag(argv: readonly string[], name: string, fallback: number, max: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  }
  return value;
}

export async function runScaleBench(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const startedAt = new Date();
  const elapsedS = () => (performance.now() - started) / 1_000;
  const log = (line: string) => console.log(`[${elapsedS().toFixed(0).padStart(4)} s] ${line}`);
  const products = numberFlag(argv, 'scale-products', 100_000, 10_000_000);
  const orders = numberFlag(argv, 'scale-orders', 1_000_000, 100_000_000);
  const samples = numberFlag(argv, 'scale-samples', 5, 50);
  const budgetS = numberFlag(argv, 'scale-budget', 3_600, 36_000);
  const rebuild = argv.includes('--scale-rebuild');
  const prefix = scaleDatabasePrefix();
  const isReference = products === 100_000 && orders === 1_000_000;
  const specs: { small: ShopSpec; ref: ShopSpec } = {
    small: { role: 'small', database: `${prefix}_small`, products: 1_000, orders: 10_000 },
    ref: {
      role: 'ref',
      database: isReference ? `${prefix}_ref` : `${prefix}_p${products}_o${orders}`,
      products,
      orders,
    },
  };
  const errors: string[] = [];

  const env = readEnv();
  const services = await findOrStartServices({
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    dataDir: join(REPO_ROOT, '.data', 'test-services'),
  });
  const redisPrefix = `sp-bench-scale-${randomBytes(4).toString('hex')}`;
  const servers: Child[] = [];
  const sides: Side[] = [];
  const rows: ScaleRow[] = [];
  let shops: { small: Shop; ref: Shop } | undefined;
  try {
    shops = {
      small: await ensureShop(services.databaseUrl, specs.small, { rebuild, log }),
      ref: await ensureShop(services.databaseUrl, specs.ref, { rebuild, log }),
    };
    log('building the server');
    buildServerAndWorker();
    for (const shop of [shops.small, shops.ref]) {
      const server = await startServer({
        databaseUrl: shop.url,
        redisUrl: services.redisUrl,
        redisPrefix: `${redisPrefix}-${shop.role}`,
      });
      servers.push(server);
      const facts = await readShopFacts(shop.url, shop.historyEnd);
      const { url } = server;
      const admin = signedInClient(url, await signIn(url, SCALE_ADMIN.email, SCALE_ADMIN.password));
      const customer = signedInClient(
        url,
        await signIn(url, facts.busiest.email, DEMO_CUSTOMER.password),
      );
      log(
        `${shop.role}: server on ${url}; busiest customer ${facts.busiest.id} (${facts.busiest.orders} orders), search "${facts.busiest.surname}", product ${facts.productId}, word "${facts.word}"`,
      );
      sides.push({ admin, customer, facts });
    }
    for (const call of CALLS) {
      const target = call.target ?? LIST_TARGET;
      if (elapsedS() > budgetS) {
        const skipped = { ms: null, samples: [], error: 'time budget' };
        rows.push({ call: call.name, target, small: skipped, ref: skipped });
        continue;
      }
      const [small, ref] = await measureCall(call, sides, { samples, slowMs: 10_000 });
      rows.push({ call: call.name, target, small: small!, ref: ref! });
      log(`${call.name}: ${small!.ms ?? small!.error} ms / ${ref!.ms ?? ref!.error} ms`);
    }
    for (const side of sides) {
      for (const client of [side.admin, side.customer]) {
        await procedure(client, 'auth.logout')
          .mutate()
          .catch(() => undefined);
      }
    }
  } catch (error) {
    const message = `run: ${(error as Error).message ?? String(error)}`.slice(0, 600);
    errors.push(message);
    log(`FAILED ${message}`);
  } finally {
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    await stopAll();
    await closeHttpPools().catch(() => undefined);
    await deleteKeysWithPrefix(services.redisUrl, redisPrefix).catch(() => undefined);
    await services.stop().catch(() => undefined);
  }
  if (!shops) {
    console.error(errors.join('\n'));
    return 1;
  }
  const { url: _s, ...small } = shops.small;
  const { url: _r, ...ref } = shops.ref;
  const result: ScaleResult = {
    at: startedAt.toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memGiB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      load: loadavg(),
    },
    elapsedS: Math.round(elapsedS()),
    samples,
    shops: { small, ref },
    rows,
    errors,
  };
  const { md, files } = writeScaleResults(result, startedAt);
  console.log(`\n${md}\nwritten to ${files.join(', ')}`);
  return errors.length > 0 ? 1 : 0;
}

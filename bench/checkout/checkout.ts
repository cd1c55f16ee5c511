/**
 * (1) and (2) of the throughput benchmark: placement through the whole stack (HTTP → Fastify → tRPC → auth →
 * core → MariaDB, with the real tRPC client and signed-in customers) beside the raw
 * baseline (raw-placement.ts through a mysql2 pool), interleaved round by round so that
 * load from anything else on the machine falls on both alike.
 */

import { TRPCClientError } from '@trpc/client';
import type { Pool } from 'mysql2/promise';
import type { Fixture } from '../fixture';
import { customerClient } from '../fixture';
import { type Child, sample } from '../stack';
import { median, round } from '../stats';
import { closedLoop, type LoadResult, type OpenLoopResult, type Operation, openLoop } from './load';
import { RawOutOfStock, rawPlace } from './raw-placement';

export interface CheckoutSettings {
  concurrencies: number[];
  hotConcurrencies: number[];
  rounds: number;
  /** Length of one measured load. */
  seconds: number;
  maxRequests: number;
  openSeconds: number;
  overBudget: () => boolean;
  log: (line: string) => void;
}

export interface Pair {
  clients: number;
  rounds: number;
  full: { perSecond: number; p50: number; p99: number; errors: number; firstError?: string };
  raw: { perSecond: number; p50: number; p99: number; errors: number; firstError?: string };
  ratio: number;
  perRound: { full: LoadResult; raw: LoadResult }[];
}

export interface CheckoutResult {
  spread: Pair[];
  peak: { clients: number; perSecond: number; rawPerSecond: number; ratio: number } | null;
  /** The open-loop round with the median p99 (all rounds in `openLoopRounds`). */
  openLoop: OpenLoopResult | null;
  openLoopRounds: OpenLoopResult[];
  hot: Pair[];
  fifty: { sold: number; refused: number; errors: number; reserved: number; ok: boolean } | null;
  /** Server CPU seconds and orders over the full-stack loads (for the cost figures). */
  serverCpuS: number;
  serverOrders: number;
  /** This process's CPU over the closed-loop full-stack loads: the load generator's share. */
  runnerCpuS: number;
  runnerOrders: number;
}

const tag = Date.now().toString(36);

function pick3(ids: number[]): { productId: number; quantity: number }[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(3, ids.length)) {
    chosen.add(ids[Math.floor(Math.random() * ids.length)]!);
  }
  return [...chosen].sort((a, b) => a - b).map((productId) => ({ productId, quantity: 1 }));
}

function summarise(clients: number, perRound: { full: LoadResult; raw: LoadResult }[]): Pair {
  const side = (which: 'full' | 'raw') => {
    const all = perRound.map((r) => r[which]);
    return {
      perSecond: median(all.map((r) => r.perSecond)),
      p50: median(all.map((r) => r.p50)),
      p99: median(all.map((r) => r.p99)),
      errors: all.reduce((n, r) => n + r.errors, 0),
      ...(all.find((r) => r.firstError)
        ? { firstError: all.find((r) => r.firstError)!.firstError }
        : {}),
    };
  };
  const full = side('full');
  const raw = side('raw');
  return {
    clients,
    rounds: perRound.length,
    full,
    raw,
    ratio: round(full.perSecond / raw.perSecond, 2),
    perRound,
  };
}

export async function measureCheckout(
  fixture: Fixture,
  server: Child & { url: string },
  rawPool: Pool,
  settings: CheckoutSettings,
): Promise<CheckoutResult> {
  const { log } = settings;
  const clients = fixture.customers.map((customer) => customerClient(server.url, customer));
  const maxClients = Math.max(...settings.concurrencies, ...settings.hotConcurrencies);
  if (clients.length < maxClients) throw new Error(`only ${clients.length} signed-in customers`);
  let cpuS = 0;
  let runnerCpuS = 0;
  let closedOrders = 0;
  let orders = 0;

  const fullOp =
    (items: () => { productId: number; quantity: number }[], label: string): Operation =>
    async (client, n) => {
      try {
        await clients[client]!.orders.place.mutate({
          items: items(),
          idempotencyKey: `${tag}-${label}-${n}`,
        });
        return 'ok';
      } catch (error) {
        if (error instanceof TRPCClientError && error.data?.cause === 'OUT_OF_STOCK') {
          return 'out_of_stock';
        }
        throw error;
      }
    };
  const rawOp =
    (items: () => { productId: number; quantity: number }[], label: string): Operation =>
    async (client, n) => {
      try {
        await rawPlace(rawPool, fixture.customers[client]!, items(), `${tag}-${label}-${n}`);
        return 'ok';
      } catch (error) {
        if (error instanceof RawOutOfStock) return 'out_of_stock';
        throw error;
      }
    };
  /** A full-stack closed loop, with the server's CPU over it. */
  const fullLoad = async (op: Operation, clientCount: number, seconds = settings.seconds) => {
    const before = sample(server.child).cpuS;
    const runnerBefore = process.cpuUsage();
    const result = await closedLoop({
      clients: clientCount,
      seconds,
      maxRequests: settings.maxRequests,
      op,
    });
    cpuS += sample(server.child).cpuS - before;
    const runner = process.cpuUsage(runnerBefore);
    runnerCpuS += (runner.user + runner.system) / 1e6;
    orders += result.ok;
    closedOrders += result.ok;
    return result;
  };
  const rawLoad = (op: Operation, clientCount: number, seconds = settings.seconds) =>
    closedLoop({ clients: clientCount, seconds, maxRequests: settings.maxRequests, op });

  const spreadItems = () => pick3(fixture.productIds);
  let label = 0;
  const next = (kind: string) => `${kind}${++label}`;

  async function pairs(
    concurrencies: number[],
    items: () => { productId: number; quantity: number }[],
    kind: string,
  ): Promise<Pair[]> {
    const out: Pair[] = [];
    for (const c of concurrencies) {
      const perRound: { full: LoadResult; raw: LoadResult }[] = [];
      for (let r = 0; r < settings.rounds; r += 1) {
        if (perRound.length > 0 && settings.overBudget()) break;
        // Alternate which side goes first, round by round.
        const fullFirst = r % 2 === 0;
        let full: LoadResult;
        let raw: LoadResult;
        if (fullFirst) {
          full = await fullLoad(fullOp(items, next(`${kind}f`)), c);
          raw = await rawLoad(rawOp(items, next(`${kind}r`)), c);
        } else {
          raw = await rawLoad(rawOp(items, next(`${kind}r`)), c);
          full = await fullLoad(fullOp(items, next(`${kind}f`)), c);
        }
        perRound.push({ full, raw });
        log(
          `  ${kind} ${c} clients, round ${r + 1}: full ${full.perSecond}/s p50 ${full.p50} p99 ${full.p99} ms · raw ${raw.perSecond}/s p50 ${raw.p50} p99 ${raw.p99} ms${full.errors + raw.errors ? ` · errors ${full.errors}+${raw.errors}: ${full.firstError ?? raw.firstError}` : ''}`,
        );
      }
      if (perRound.length > 0) out.push(summarise(c, perRound));
    }
    return out;
  }

  // Warm-up: connections, JIT, buffer pool; not counted.
  log('checkout: warm-up');
  await fullLoad(fullOp(spreadItems, next('wf')), maxClients, 1.5);
  await rawLoad(rawOp(spreadItems, next('wr')), maxClients, 1.5);

  log('checkout: spread over the catalog');
  const spread = await pairs(settings.concurrencies, spreadItems, 'spread');
  const best = spread.reduce<Pair | null>(
    (a, b) => (a === null || b.full.perSecond > a.full.perSecond ? b : a),
    null,
  );
  const peak = best
    ? {
        clients: best.clients,
        perSecond: best.full.perSecond,
        rawPerSecond: Math.max(...spread.map((p) => p.raw.perSecond)),
        ratio: round(best.full.perSecond / Math.max(...spread.map((p) => p.raw.perSecond)), 2),
      }
    : null;

  let open: OpenLoopResult | null = null;
  const openRounds: OpenLoopResult[] = [];
  if (peak && peak.perSecond > 0) {
    const rate = Math.max(1, Math.round(peak.perSecond / 2));
    for (let r = 0; r < settings.rounds && (r === 0 || !settings.overBudget()); r += 1) {
      log(
        `checkout: open loop at ${rate}/s (half the peak of ${peak.perSecond}/s), round ${r + 1}`,
      );
      const before = sample(server.child).cpuS;
      const one = await openLoop({
        rate,
        seconds: settings.openSeconds,
        maxRequests: settings.maxRequests,
        maxInFlight: 256,
        clients: maxClients,
        op: fullOp(spreadItems, next('open')),
      });
      cpuS += sample(server.child).cpuS - before;
      orders += one.ok;
      openRounds.push(one);
      log(
        `  p50 ${one.p50} p99 ${one.p99} ms from due (${one.sentP99} from sent), ${one.ok} placed`,
      );
    }
    // The round whose p99 is the median (nearest rank) stands for the run.
    const p99s = openRounds.map((o) => o.p99);
    const mid = median(p99s);
    open = openRounds.find((o) => o.p99 === mid) ?? null;
  }

  let hot: Pair[] = [];
  if (!settings.overBudget()) {
    log('checkout: one hot product');
    const hotProduct = await fixture.addProduct(10_000_000);
    hot = await pairs(
      settings.hotConcurrencies,
      () => [{ productId: hotProduct, quantity: 1 }],
      'hot',
    );
  }

  let fifty: CheckoutResult['fifty'] = null;
  if (!settings.overBudget()) {
    const product = await fixture.addProduct(50);
    const result = await closedLoop({
      clients: maxClients,
      seconds: 30,
      maxRequests: 2_000,
      stopOnRefusal: true,
      op: fullOp(() => [{ productId: product, quantity: 1 }], next('fifty')),
    });
    const [rows] = (await fixture.handle.pool.query(
      'SELECT CAST(SUM(reserved) AS SIGNED) AS reserved, CAST(SUM(on_hand) AS SIGNED) AS on_hand FROM inventory WHERE product_id = ?',
      [product],
    )) as unknown as [{ reserved: number; on_hand: number }[]];
    const reserved = rows[0]?.reserved ?? Number.NaN;
    fifty = {
      sold: result.ok,
      refused: result.outOfStock,
      errors: result.errors,
      reserved,
      ok: result.ok === 50 && reserved === 50 && result.errors === 0,
    };
    log(
      `checkout: 50 units, ${maxClients} clients: ${result.ok} sold, ${result.outOfStock} refused, reserved ${reserved}${fifty.ok ? '' : ' — ASSERTION FAILED'}`,
    );
  }

  return {
    spread,
    peak,
    openLoop: open,
    openLoopRounds: openRounds,
    hot,
    fifty,
    serverCpuS: cpuS,
    serverOrders: orders,
    runnerCpuS,
    runnerOrders: closedOrders,
  };
}

/**
 * The results of `npm run bench`: bench/results/<ISO date>.json (everything measured) and
 * .md (the tables), and bench/results/latest.md (a copy of the last Markdown).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@stockpulse/devstack';
import type { CheckoutResult, Pair } from './checkout/checkout';
import type { StatementCount } from './checkout/statements';
import type { FrontEndSize } from './front-end';
import type { LifecycleResult } from './lifecycle/lifecycle';
import { lifecycleMarkdown } from './lifecycle/report';
import type { CommitToAdminResult } from './live/commit-to-admin';
import type { FanOutResult } from './live/fan-out';
import type { ProcessingResult } from './processing/processing';
import { formatKinds, markdownTable, resultStamp, round } from './stats';

export type Maybe<T> = T | { skipped: string };
export const isSkipped = <T>(value: Maybe<T>): value is { skipped: string } =>
  typeof value === 'object' && value !== null && 'skipped' in value;

export interface BenchResult {
  at: string;
  quick: boolean;
  settings: Record<string, unknown>;
  machine: { cpus: number; cpu: string | undefined; memGiB: number; node: string; load: number[] };
  elapsedS: number;
  checkout: Maybe<CheckoutResult>;
  statements: Maybe<StatementCount>;
  processing: Maybe<ProcessingResult>;
  live: {
    fanOut: Maybe<FanOutResult>;
    commitToAdmin: Maybe<CommitToAdminResult>;
  };
  frontEnd: Maybe<FrontEndSize[]>;
  cost: Maybe<{
    server: { cpuSPer1000: number; rssMiB: number; peakRssMiB: number; orders: number };
    runner: { cpuSPer1000: number; orders: number };
  }>;
  /** An order's whole life against raw place + pay (bench/lifecycle). */
  lifecycle: Maybe<LifecycleResult>;
  errors: string[];
}

const met = (ok: boolean) => (ok ? '**met**' : '**NOT met**');
const kib = (bytes: number) => round(bytes / 1024, 1);

function pairTable(pairs: Pair[]) {
  return markdownTable(
    [
      'clients',
      'full orders/s',
      'full p50 ms',
      'full p99 ms',
      'raw orders/s',
      'raw p50 ms',
      'raw p99 ms',
      'full ÷ raw',
      'rounds',
      'errors',
    ],
    pairs.map((p) => [
      p.clients,
      p.full.perSecond,
      p.full.p50,
      p.full.p99,
      p.raw.perSecond,
      p.raw.p50,
      p.raw.p99,
      `${p.ratio}×`,
      p.rounds,
      p.full.errors + p.raw.errors,
    ]),
  );
}

export function toMarkdown(r: BenchResult): string {
  const out: string[] = [];
  const skip = (what: string, value: { skipped: string }) =>
    out.push(`${what}: NOT MEASURED (${value.skipped}).`, '');
  out.push(
    `# Stockpulse benchmark, ${r.at}${r.quick ? ' (--quick)' : ''}`,
    '',
    `${r.machine.cpus} CPUs (${r.machine.cpu ?? '?'}), ${r.machine.memGiB} GiB, Node ${r.machine.node}, load average at start ${r.machine.load.map((l) => round(l, 2)).join(' / ')}; ${r.elapsedS} s. Loopback; built server and worker (NODE_ENV=production, LOG_LEVEL=warn) on a fresh seeded database. Figures are medians over rounds; percentiles nearest-rank; ratios against baselines of this run.`,
    '',
  );

  // 8 first: the headline figure.
  out.push("## 8. An order's whole life: placed, published, paid", '');
  if (isSkipped(r.lifecycle)) skip('Lifecycle', r.lifecycle);
  else out.push(...lifecycleMarkdown(r.lifecycle), '');

  // 1, 2
  out.push('## 1. Checkout, spread (3-line orders over 1,000 products)', '');
  if (isSkipped(r.checkout)) skip('Checkout', r.checkout);
  else {
    const c = r.checkout;
    out.push(
      `Full stack: \`orders.place\` over HTTP with the real tRPC client, signed-in customers, closed loop. Raw: bench/checkout/raw-placement.ts (placement's own statements) through a mysql2 pool of 10 (the server's size), no HTTP/tRPC/auth. Each load ${String(r.settings.seconds)} s, rounds interleaved.`,
      '',
      pairTable(c.spread),
      '',
    );
    if (c.peak) {
      out.push(
        `Peak: full stack ${c.peak.perSecond} orders/s (${c.peak.clients} clients) vs raw ${c.peak.rawPerSecond} orders/s: **${c.peak.ratio}×** — target ≥ 0.6×: ${met(c.peak.ratio >= 0.6)}.`,
      );
    }
    if (c.openLoop) {
      const o = c.openLoop;
      out.push(
        `Open loop at half the peak, ${o.rate} orders/s for ${o.seconds} s (the median-p99 round of ${c.openLoopRounds.length}: p99s ${c.openLoopRounds.map((x) => x.p99).join(', ')} ms): ${o.ok} placed (${o.perSecond}/s), p50 ${o.p50} ms, **p99 ${o.p99} ms** from the scheduled time (${o.sentP99} ms from sending), ${o.dropped} not sent (256 in flight), ${o.errors} errors — target p99 < 25 ms: ${met(o.p99 < 25)}.`,
      );
    }
    out.push('', '## 2. Checkout, one hot product (1-line orders, all clients on one row)', '');
    out.push(c.hot.length > 0 ? pairTable(c.hot) : 'Hot product: NOT MEASURED (time budget).', '');
    if (c.hot.length > 0) {
      const worst = Math.min(...c.hot.map((p) => p.ratio));
      out.push(`Lowest full ÷ raw: **${worst}×** — target ≥ 0.7×: ${met(worst >= 0.7)}.`);
    }
    if (c.fifty) {
      const f = c.fifty;
      out.push(
        `Stock of 50 units, ${Math.max(...c.hot.map((p) => p.clients), 32)} clients until refused: **${f.sold} sold**, ${f.refused} refused (OUT_OF_STOCK), ${f.errors} errors, inventory.reserved = ${f.reserved} — exactly 50: ${f.ok ? '**PASS**' : '**FAIL**'}.`,
      );
    }
    out.push('');
  }

  // 3
  out.push('## 3. Round trips of one placement (3-line order)', '');
  if (isSkipped(r.statements)) skip('Statements', r.statements);
  else {
    const s = r.statements;
    out.push(
      `Counted by wrapping every connection of the API's mysql2 pool, with \`createContext\` (the session lookup) + \`orders.place\` via \`createCaller\` in process: **${s.total} statements** (session lookup ${s.sessionLookup} + placement ${s.placement}: ${formatKinds(s.kinds)}) — target ≤ ${s.target}: ${met(s.total <= s.target)}. With the server's session cache holding the session (every request of a signed-in customer after the first within \`SESSION_CACHE_MS\`, as in §1–2): **${s.totalCached ?? '–'}**.`,
      s.server
        ? `MariaDB's own count for the same request (SHOW SESSION STATUS on a one-connection pool): Questions +${s.server.questions} (statements the client sent), Queries +${s.server.queries} (including statements run inside stored procedures${s.server.queries > s.server.questions ? ': a CALL is one round trip but runs its body on the server' : ''}).`
        : "MariaDB's own count: not available.",
      `Raw baseline (bench/checkout/raw-placement.ts): **${s.raw} statements** counted the same way (${s.rawListed} listed) vs **${s.placement}** for the real placement without the session lookup${s.raw === s.placement ? '' : ' — they differ'}. It sends placement's own statements (packages/core/src/orders/placement/statements.ts): the replay/address read, the products read, BEGIN, the reservation UPDATE, CALL record_and_commit_order (which commits).`,
      '',
      '<details><summary>The statements</summary>',
      '',
      ...s.statements.map((sql, i) => `${i + 1}. \`${sql.replace(/`/g, '')}\``),
      '',
      '</details>',
      '',
    );
  }

  // 4
  out.push('## 4. Order processing (PAYMENT_LATENCY_MS=0, one WORKER_ROLE=relay process)', '');
  if (isSkipped(r.processing)) skip('Processing', r.processing);
  else {
    const p = r.processing;
    out.push(
      markdownTable(
        [
          'WORKER_ROLE=jobs processes',
          'orders',
          'orders/s',
          `BullMQ no-op jobs/s (concurrency ${p.concurrency})`,
          'orders ÷ no-op',
          'jobs CPU s / 1,000 orders',
        ],
        p.throughput.map((t) => [
          t.workers,
          t.orders,
          t.perSecond,
          t.noopPerSecond,
          `${t.ratio}×`,
          t.jobsCpuSPer1000,
        ]),
      ),
      '',
    );
    if (p.keepUp) {
      const k = p.keepUp;
      out.push(
        `Keep-up, server + relay + 1 jobs worker, ${k.rate} orders/s asked (the full-stack checkout peak of §1) for ${k.seconds} s: ${k.placed} placed (**${k.achievedPerSecond}/s achieved**, ${k.dropped} not sent because 256 were outstanding, p99 ${k.p99} ms from due), backlog (orders of this load still pending) max ${k.maxBacklog}, ${k.finalBacklog} when the load stopped, drained ${k.drainedAfterS === null ? 'NOT within 30 s' : `${k.drainedAfterS} s later`} — bounded: ${met(k.bounded)}.`,
        `Backlog every 0.5 s: ${k.samples.join(' ')}`,
        ...(k.stuck?.length
          ? [
              '',
              `Still pending after 30 s: ${k.stuck.map((o) => `order ${o.orderId} (outbox: ${o.outbox || 'none'}; job: ${o.job})`).join('; ')}.`,
            ]
          : []),
        ...(k.achievedPerSecond < 0.9 * k.rate
          ? [
              '',
              `Note: the placements reached ${k.achievedPerSecond}/s, not the ${k.rate}/s asked — with the workers sharing the CPUs the server placed slower than alone; the verdict holds for the rate achieved.`,
            ]
          : []),
        '',
      );
    }
  }

  // 5
  out.push('## 5. Live layer (bench/live)', '');
  if (isSkipped(r.live.fanOut)) skip('Fan-out', r.live.fanOut);
  else {
    const f = r.live.fanOut;
    out.push(
      markdownTable(
        [
          `emit to ${f.sockets} sockets`,
          'all have it p50 ms',
          'p99 ms',
          'per-socket p50',
          'p99',
          '÷ bare p50',
          '÷ bare p99',
          'incomplete',
        ],
        (['bare', 'room', 'relay'] as const).map((mode) => {
          const s = f.fanOut.summary[mode];
          const ratio = mode === 'bare' ? { p50: 1, p99: 1 } : f.fanOut.ratioToBare[mode];
          return [
            mode,
            s.allP50,
            s.allP99,
            s.deliveryP50,
            s.deliveryP99,
            `${ratio.p50}×`,
            `${ratio.p99}×`,
            s.incomplete,
          ];
        }),
      ),
      '',
      `${f.rounds} round(s) × ${f.changesPerRound} changes per mode; server RSS ${f.memory.before.rssMiB} → ${f.memory.withSockets.rssMiB} MiB with the sockets (${f.memory.perSocketKiB} KiB per socket).`,
      '',
    );
  }
  if (isSkipped(r.live.commitToAdmin)) skip('Commit → admin socket', r.live.commitToAdmin);
  else {
    const c = r.live.commitToAdmin;
    out.push(
      `Commit → admin socket at ${c.ratePerSecond} orders/s, medians over ${c.roundP99s.length} rounds: p50 ${c.commitP50} ms, **p99 ${c.commitP99} ms** (each round's p99: ${c.roundP99s.join(', ')}; target < 50 ms: ${met(c.commitP99 < 50)}), max ${c.commitMax} ms (from the HTTP request: p50 ${c.fromRequestP50}, p99 ${c.fromRequestP99} ms); ${c.orders} orders, ${c.received} heard, ${c.failedPlacements} failed.`,
      '',
    );
  }

  // 6
  out.push('## 6. Front end (initial JS, gzipped, production build)', '');
  if (isSkipped(r.frontEnd)) skip('Front end', r.frontEnd);
  else {
    out.push(
      markdownTable(
        ['page', 'initial JS gzip KiB', 'all JS gzip KiB'],
        r.frontEnd.map((f) => [f.app, kib(f.initialGzipBytes), kib(f.gzipBytes)]),
      ),
      '',
    );
  }

  // 7
  out.push('## 7. Cost (from /proc of the child processes)', '');
  const rows: (string | number | null)[][] = [];
  if (!isSkipped(r.cost)) {
    const s = r.cost.server;
    rows.push([
      `server (over the ${s.orders} full-stack checkouts of §1–2)`,
      s.cpuSPer1000,
      s.rssMiB,
      s.peakRssMiB,
    ]);
    rows.push([
      `(the runner: load generator, tRPC clients, over the ${r.cost.runner.orders} closed-loop checkouts)`,
      r.cost.runner.cpuSPer1000,
      null,
      null,
    ]);
  }
  if (!isSkipped(r.processing) && r.processing.cost) {
    const { relay, jobs } = r.processing.cost;
    rows.push([
      'worker, WORKER_ROLE=relay (publishing the orders of §4)',
      relay.cpuSPer1000,
      relay.rssMiB,
      relay.peakRssMiB,
    ]);
    rows.push([
      'worker, WORKER_ROLE=jobs (1 process, the batch of §4)',
      jobs.cpuSPer1000,
      jobs.rssMiB,
      jobs.peakRssMiB,
    ]);
  }
  out.push(
    rows.length > 0
      ? markdownTable(['process', 'CPU s / 1,000 orders', 'RSS MiB (end)', 'peak RSS MiB'], rows)
      : 'Cost: NOT MEASURED.',
    '',
  );

  if (r.errors.length > 0) {
    out.push('## Errors', '', ...r.errors.map((e) => `- ${e}`), '');
  }
  return out.join('\n');
}

/**
 * Writes the JSON and Markdown; returns their paths (relative to the repository).
 * `partial` (--lifecycle-only): files named `lifecycle-<date>`, and latest.md, the last
 * whole run's, left as it is.
 */
export function writeResults(result: BenchResult, startedAt: Date, partial = false) {
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = `${partial ? 'lifecycle-' : ''}${resultStamp(startedAt)}`;
  const md = toMarkdown(result);
  writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, `${stamp}.md`), md);
  if (!partial) writeFileSync(join(dir, 'latest.md'), md);
  return {
    md,
    files: [
      `bench/results/${stamp}.json`,
      `bench/results/${stamp}.md`,
      ...(partial ? [] : ['bench/results/latest.md']),
    ],
  };
}

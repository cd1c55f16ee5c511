/**
 * `npm run bench:live` — the live layer's benchmark, loopback only, bounded in
 * count (sockets × changes × rounds) and time (LIVE_BENCH_BUDGET_S, default 240 s).
 *
 *   npm run bench:live -- [--sockets 2000] [--changes 100] [--rounds 3]
 *
 * (a) and (b) are measured by fan-out.ts (shared with `npm run bench`):
 * (a) fan-out: one Socket.IO server (bench/live/server.ts, a real `socket.io` Server with
 *     `@socket.io/redis-adapter`, in its own process) and N socket.io-client sockets
 *     (`forceNew`, websocket) in this process, all watching product 1. Each change is sent
 *     and the next one only after every socket has it; per change we take the time until
 *     ALL sockets have it. Three ways of emitting:
 *       bare  — `io.emit` to every socket (the baseline the target is relative to);
 *       room  — `io.to('product:1').emit` on the server (server-originated events);
 *       relay — `@socket.io/redis-emitter` from this process → Redis → the server's adapter
 *               → the room: the worker's outbox relay path.
 *     bare/room are triggered over the child's IPC channel, relay through a Redis PUBLISH,
 *     both timed from the moment this process sends; the modes alternate change by change.
 *     Reported: the median over rounds of each round's p50/p99, and the room/bare and
 *     relay/bare ratios (target ≤ 1.5×).
 * (b) server memory: RSS and heap (after a full GC) before and with N sockets connected.
 * (c) commit-to-admin-socket latency at 200 orders/s against the real server + relay
 *     (commit-to-admin.ts; `--orders-rate 200 --orders-seconds 5`).
 *
 * Results: bench/results/live-<date>.json and .md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findOrStartServices, REPO_ROOT } from '@stockpulse/devstack';
import { type CommitToAdminResult, measureCommitToAdmin } from './commit-to-admin';
import { readEnv } from './env';
import { MODES, measureFanOut } from './fan-out';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}
const SOCKETS = Math.min(arg('sockets', 2_000), 5_000);
const CHANGES = Math.min(arg('changes', 100), 1_000);
const ROUNDS = Math.min(arg('rounds', 3), 10);
const env = readEnv();
const BUDGET_MS = env.LIVE_BENCH_BUDGET_S * 1_000;
const started = performance.now();
const overBudget = () => performance.now() - started > BUDGET_MS;

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
};
const round2 = (n: number) => Math.round(n * 100) / 100;

// ── services; (a) fan-out and (b) memory (fan-out.ts) ───────────────────────────
const services = await findOrStartServices({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  dataDir: join(REPO_ROOT, '.data', 'test-services'),
});
const fan = await measureFanOut({
  redisUrl: services.redisUrl,
  sockets: SOCKETS,
  changes: CHANGES,
  rounds: ROUNDS,
  overBudget,
  percentile,
});
const { summary, ratioToBare } = fan.fanOut;
const ratio = (mode: 'room' | 'relay') => ratioToBare[mode];

// ── (c) commit-to-admin-socket latency ──────────────────────────────────────────
const ORDER_RATE = Math.min(arg('orders-rate', 200), 1_000);
const ORDER_SECONDS = Math.min(arg('orders-seconds', 5), 60);
let commitToAdmin: CommitToAdminResult | { done: false; reason: string };
if (overBudget()) {
  commitToAdmin = { done: false, reason: 'time budget spent on the fan-out' };
} else {
  try {
    commitToAdmin = await measureCommitToAdmin({
      databaseUrl: services.databaseUrl,
      redisUrl: services.redisUrl,
      rate: ORDER_RATE,
      seconds: ORDER_SECONDS,
      rounds: ROUNDS,
      percentile,
    });
  } catch (error) {
    commitToAdmin = { done: false, reason: `failed: ${(error as Error).message}` };
  }
}

// ── results ─────────────────────────────────────────────────────────────────────
const now = new Date();
const result = {
  at: now.toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: round2(totalmem() / 2 ** 30) },
  node: process.version,
  server: 'socket.io 4.8 + @socket.io/redis-adapter (one process, loopback), clients in the runner',
  ...fan,
  commitToAdmin,
  elapsedS: Math.round((performance.now() - started) / 1000),
};

const md = [
  `# Live benchmark, ${result.at}`,
  '',
  `${SOCKETS} sockets on one product room, ${fan.rounds} round(s) × ${CHANGES} changes per mode; ${result.server}; ${result.machine.cpus} CPUs, Node ${result.node}.`,
  '',
  '| emit | all sockets have it p50 (ms) | p99 (ms) | per-socket delivery p50 | p99 | ÷ bare p50 | ÷ bare p99 | incomplete |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...MODES.map((mode) => {
    const s = summary[mode];
    const r = mode === 'bare' ? { p50: 1, p99: 1 } : ratio(mode);
    return `| ${mode} | ${s.allP50} | ${s.allP99} | ${s.deliveryP50} | ${s.deliveryP99} | ${r.p50}× | ${r.p99}× | ${s.incomplete} |`;
  }),
  '',
  '| server memory | RSS (MiB) | heap (MiB) |',
  '| --- | ---: | ---: |',
  `| no sockets | ${result.memory.before.rssMiB} | ${result.memory.before.heapMiB} |`,
  `| ${SOCKETS} sockets | ${result.memory.withSockets.rssMiB} | ${result.memory.withSockets.heapMiB} |`,
  `| per socket (RSS) | ${result.memory.perSocketKiB} KiB | |`,
  '',
  commitToAdmin.done
    ? [
        `| commit → admin socket, ${commitToAdmin.ratePerSecond} orders/s | p50 (ms) | p99 (ms) | max (ms) |`,
        '| --- | ---: | ---: | ---: |',
        `| order createdAt (in the transaction) → order:created on the admin socket | ${commitToAdmin.commitP50} | ${commitToAdmin.commitP99} (rounds: ${commitToAdmin.roundP99s.join(', ')}) | ${commitToAdmin.commitMax} |`,
        `| HTTP request sent → order:created on the admin socket | ${commitToAdmin.fromRequestP50} | ${commitToAdmin.fromRequestP99} | |`,
        '',
        `${commitToAdmin.orders} orders placed (${commitToAdmin.failedPlacements} failed; answered at ${commitToAdmin.achievedPerSecond}/s overall), ${commitToAdmin.received} heard by the admin socket; real apps/server + a WORKER_ROLE=relay worker.`,
      ].join('\n')
    : `Commit → admin socket: NOT MEASURED (${commitToAdmin.reason}).`,
  '',
].join('\n');

const dir = join(REPO_ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const stamp = now.toISOString().replace(/[:.]/g, '-');
writeFileSync(join(dir, `live-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(dir, `live-${stamp}.md`), md);
console.log(`\n${md}\nwritten to bench/results/live-${stamp}.{json,md}`);

// ── cleanup: only what this run started ─────────────────────────────────────────
await services.stop();

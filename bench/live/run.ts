/**
 * `npm run bench:live` — the live layer's benchmark (issue 4), loopback only, bounded in
 * count (sockets × changes × rounds) and time (LIVE_BENCH_BUDGET_S, default 240 s).
 *
 *   npm run bench:live -- [--sockets 2000] [--changes 100] [--rounds 3]
 *
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
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Emitter } from '@socket.io/redis-emitter';
import { findOrStartServices, REPO_ROOT } from '@stockpulse/devstack';
import {
  type ClientToServerEvents,
  type InventoryChanged,
  ROOMS,
  type ServerToClientEvents,
} from '@stockpulse/shared';
import { Redis } from 'ioredis';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { type CommitToAdminResult, measureCommitToAdmin } from './commit-to-admin';
import { childEnv, readEnv } from './env';
import { BENCH_PRODUCT, stockChange } from './payload';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Mode = 'bare' | 'room' | 'relay';
const MODES: Mode[] = ['bare', 'room', 'relay'];

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
const CHANGE_TIMEOUT_MS = 5_000;
const started = performance.now();
const overBudget = () => performance.now() - started > BUDGET_MS;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
};
const median = (values: number[]) => percentile(values, 50);
const round2 = (n: number) => Math.round(n * 100) / 100;
const mb = (bytes: number) => round2(bytes / 2 ** 20);

// ── services and the server process ─────────────────────────────────────────────
const services = await findOrStartServices({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  dataDir: join(REPO_ROOT, '.data', 'test-services'),
});
const key = `sp-bench-live-${process.pid}:socket.io`; // the adapter's channel prefix
const serverPath = fileURLToPath(new URL('./server.ts', import.meta.url));
const child: ChildProcess = fork(serverPath, [], {
  execArgv: ['--import', 'tsx', '--expose-gc'],
  env: childEnv({ REDIS_URL: services.redisUrl, LIVE_BENCH_KEY: key }),
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});

type Memory = { rss: number; heapUsed: number; sockets: number };
const fromChild = <T>(type: string) =>
  new Promise<T>((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
const memory = async () => {
  const answer = fromChild<Memory>('memory');
  child.send({ type: 'memory' });
  return answer;
};

const { port } = await fromChild<{ port: number }>('ready');
const url = `http://127.0.0.1:${port}`;
const emitterRedis = new Redis(services.redisUrl);
const emitter = new Emitter<ServerToClientEvents>(emitterRedis, { key });

// ── the sockets ─────────────────────────────────────────────────────────────────
const before = await memory();
let current = 0;
let received = 0;
let t0 = 0;
let allIn: (() => void) | undefined;
const deliveries: number[] = [];
const sockets: ClientSocket[] = [];

function onChange(event: InventoryChanged) {
  if (event.version !== current) return;
  deliveries.push(performance.now() - t0);
  received += 1;
  if (received === SOCKETS) allIn?.();
}

const connectStarted = performance.now();
for (let i = 0; i < SOCKETS; i += 100) {
  const batch = Array.from({ length: Math.min(100, SOCKETS - i) }, () => {
    const socket: ClientSocket = connectSocket(url, {
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
    });
    socket.on('inventory:changed', onChange);
    sockets.push(socket);
    return new Promise<void>((resolve, reject) => {
      socket.once('connect_error', reject);
      socket.once('connect', () =>
        socket.emit('inventory:watch', [BENCH_PRODUCT], (answer) =>
          answer.ok ? resolve() : reject(new Error(answer.error)),
        ),
      );
    });
  });
  await Promise.all(batch);
}
const connectMs = performance.now() - connectStarted;
const withSockets = await memory();
if (withSockets.sockets !== SOCKETS) throw new Error(`server sees ${withSockets.sockets} sockets`);
console.log(`${SOCKETS} sockets connected and watching in ${Math.round(connectMs)} ms`);

// ── fan-out ─────────────────────────────────────────────────────────────────────
let version = 0;
function send(mode: Mode) {
  t0 = performance.now();
  if (mode === 'relay') {
    emitter.to(ROOMS.product(BENCH_PRODUCT)).emit('inventory:changed', stockChange(current));
  } else {
    child.send({ type: mode === 'bare' ? 'broadcast' : 'room', version: current });
  }
}

async function oneChange(mode: Mode): Promise<number | null> {
  version += 1;
  current = version;
  received = 0;
  const done = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), CHANGE_TIMEOUT_MS);
    allIn = () => {
      clearTimeout(timer);
      resolve(true);
    };
  });
  send(mode);
  const complete = await done;
  allIn = undefined;
  return complete ? performance.now() - t0 : null;
}

interface RoundResult {
  mode: Mode;
  changes: number;
  incomplete: number;
  allP50: number;
  allP99: number;
  deliveryP50: number;
  deliveryP99: number;
}
// Warm-up (not counted): JIT and socket buffers settle before the first measured mode.
for (const mode of MODES) for (let c = 0; c < 20; c += 1) await oneChange(mode);

const rounds: RoundResult[][] = [];
for (let r = 0; r < ROUNDS && !overBudget(); r += 1) {
  // Interleaved change by change (bare, room, relay, rotating), so that load from anything
  // else on the machine falls on the three modes alike.
  const all = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
  const each = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
  const incomplete = new Map<Mode, number>(MODES.map((m) => [m, 0]));
  for (let c = 0; c < CHANGES && !overBudget(); c += 1) {
    for (let i = 0; i < MODES.length; i += 1) {
      const mode = MODES[(c + i) % MODES.length]!;
      deliveries.length = 0;
      const ms = await oneChange(mode);
      if (ms === null) incomplete.set(mode, incomplete.get(mode)! + 1);
      else all.get(mode)!.push(ms);
      each.get(mode)!.push(...deliveries);
      await sleep(2);
    }
  }
  const results: RoundResult[] = MODES.map((mode) => ({
    mode,
    changes: all.get(mode)!.length + incomplete.get(mode)!,
    incomplete: incomplete.get(mode)!,
    allP50: round2(percentile(all.get(mode)!, 50)),
    allP99: round2(percentile(all.get(mode)!, 99)),
    deliveryP50: round2(percentile(each.get(mode)!, 50)),
    deliveryP99: round2(percentile(each.get(mode)!, 99)),
  }));
  rounds.push(results);
  console.log(
    `round ${r + 1}: ${results.map((x) => `${x.mode} p50 ${x.allP50} p99 ${x.allP99} ms`).join(' · ')}`,
  );
}

const summary = Object.fromEntries(
  MODES.map((mode) => {
    const mine = rounds.flatMap((round) => round.filter((x) => x.mode === mode));
    return [
      mode,
      {
        allP50: round2(median(mine.map((x) => x.allP50))),
        allP99: round2(median(mine.map((x) => x.allP99))),
        deliveryP50: round2(median(mine.map((x) => x.deliveryP50))),
        deliveryP99: round2(median(mine.map((x) => x.deliveryP99))),
        incomplete: mine.reduce((n, x) => n + x.incomplete, 0),
      },
    ];
  }),
) as Record<
  Mode,
  { allP50: number; allP99: number; deliveryP50: number; deliveryP99: number; incomplete: number }
>;
const ratio = (mode: Mode) => ({
  p50: round2(summary[mode].allP50 / summary.bare.allP50),
  p99: round2(summary[mode].allP99 / summary.bare.allP99),
});

// ── (c) commit-to-admin-socket latency ──────────────────────────────────────────
// The fan-out server and sockets go first, so the two measurements do not share the CPUs.
for (const socket of sockets) socket.disconnect();
child.send({ type: 'stop' });
await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(3_000)]);
if (child.exitCode === null) child.kill();
emitterRedis.disconnect();

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
  sockets: SOCKETS,
  changesPerRound: CHANGES,
  rounds: rounds.length,
  connectMs: Math.round(connectMs),
  fanOut: { summary, ratioToBare: { room: ratio('room'), relay: ratio('relay') }, rounds },
  memory: {
    before: { rssMiB: mb(before.rss), heapMiB: mb(before.heapUsed) },
    withSockets: { rssMiB: mb(withSockets.rss), heapMiB: mb(withSockets.heapUsed) },
    perSocketKiB: round2((withSockets.rss - before.rss) / SOCKETS / 1024),
  },
  commitToAdmin,
  elapsedS: Math.round((performance.now() - started) / 1000),
};

const md = [
  `# Live benchmark, ${result.at}`,
  '',
  `${SOCKETS} sockets on one product room, ${rounds.length} round(s) × ${CHANGES} changes per mode; ${result.server}; ${result.machine.cpus} CPUs, Node ${result.node}.`,
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
        `| order createdAt (in the transaction) → order:created on the admin socket | ${commitToAdmin.commitP50} | ${commitToAdmin.commitP99} | ${commitToAdmin.commitMax} |`,
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

/**
 * (a) and (b) of the live benchmark, as a function shared by `npm run bench:live` (run.ts)
 * and `npm run bench` (bench/run.ts).
 *
 * (a) fan-out: one Socket.IO server (./server.ts, a real `socket.io` Server with
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
 */
import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Emitter } from '@socket.io/redis-emitter';
import {
  type ClientToServerEvents,
  type InventoryChanged,
  ROOMS,
  type ServerToClientEvents,
} from '@stockpulse/shared';
import { Redis } from 'ioredis';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { childEnv } from './env';
import { BENCH_PRODUCT, stockChange } from './payload';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Mode = 'bare' | 'room' | 'relay';
export const MODES: Mode[] = ['bare', 'room', 'relay'];
const CHANGE_TIMEOUT_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round2 = (n: number) => Math.round(n * 100) / 100;
const mb = (bytes: number) => round2(bytes / 2 ** 20);

export interface RoundResult {
  mode: Mode;
  changes: number;
  incomplete: number;
  allP50: number;
  allP99: number;
  deliveryP50: number;
  deliveryP99: number;
}

export interface ModeSummary {
  allP50: number;
  allP99: number;
  deliveryP50: number;
  deliveryP99: number;
  incomplete: number;
}

export interface FanOutResult {
  sockets: number;
  changesPerRound: number;
  rounds: number;
  connectMs: number;
  fanOut: {
    summary: Record<Mode, ModeSummary>;
    ratioToBare: Record<'room' | 'relay', { p50: number; p99: number }>;
    rounds: RoundResult[][];
  };
  memory: {
    before: { rssMiB: number; heapMiB: number };
    withSockets: { rssMiB: number; heapMiB: number };
    perSocketKiB: number;
  };
}

export async function measureFanOut(options: {
  redisUrl: string;
  sockets: number;
  changes: number;
  rounds: number;
  overBudget: () => boolean;
  percentile: (values: number[], p: number) => number;
  log?: (line: string) => void;
}): Promise<FanOutResult> {
  const { sockets: SOCKETS, changes: CHANGES, rounds: ROUNDS, overBudget, percentile } = options;
  const log = options.log ?? console.log;
  const median = (values: number[]) => percentile(values, 50);
  const key = `sp-bench-live-${process.pid}-${Date.now().toString(36)}:socket.io`; // the adapter's channel prefix
  const serverPath = fileURLToPath(new URL('./server.ts', import.meta.url));
  const child: ChildProcess = fork(serverPath, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: childEnv({ REDIS_URL: options.redisUrl, LIVE_BENCH_KEY: key }),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const sockets: ClientSocket[] = [];
  let emitterRedis: Redis | undefined;
  try {
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
    emitterRedis = new Redis(options.redisUrl);
    const emitter = new Emitter<ServerToClientEvents>(emitterRedis, { key });

    // ── the sockets ───────────────────────────────────────────────────────────────
    const before = await memory();
    let current = 0;
    let received = 0;
    let t0 = 0;
    let allIn: (() => void) | undefined;
    const deliveries: number[] = [];

    const onChange = (event: InventoryChanged) => {
      if (event.version !== current) return;
      deliveries.push(performance.now() - t0);
      received += 1;
      if (received === SOCKETS) allIn?.();
    };

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
    if (withSockets.sockets !== SOCKETS) {
      throw new Error(`server sees ${withSockets.sockets} sockets`);
    }
    log(`${SOCKETS} sockets connected and watching in ${Math.round(connectMs)} ms`);

    // ── fan-out ───────────────────────────────────────────────────────────────────
    let version = 0;
    const send = (mode: Mode) => {
      t0 = performance.now();
      if (mode === 'relay') {
        emitter.to(ROOMS.product(BENCH_PRODUCT)).emit('inventory:changed', stockChange(current));
      } else {
        child.send({ type: mode === 'bare' ? 'broadcast' : 'room', version: current });
      }
    };

    const oneChange = async (mode: Mode): Promise<number | null> => {
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
    };

    // Warm-up (not counted): JIT and socket buffers settle before the first measured mode.
    for (const mode of MODES) for (let c = 0; c < 20; c += 1) await oneChange(mode);

    const rounds: RoundResult[][] = [];
    for (let r = 0; r < ROUNDS && (r === 0 || !overBudget()); r += 1) {
      // Interleaved change by change (bare, room, relay, rotating), so that load from
      // anything else on the machine falls on the three modes alike.
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
      log(
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
    ) as Record<Mode, ModeSummary>;
    const ratio = (mode: Mode) => ({
      p50: round2(summary[mode].allP50 / summary.bare.allP50),
      p99: round2(summary[mode].allP99 / summary.bare.allP99),
    });

    return {
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
    };
  } finally {
    // The fan-out server and sockets go, so later measurements do not share the CPUs.
    for (const socket of sockets) socket.disconnect();
    if (child.exitCode === null) {
      if (child.connected) child.send({ type: 'stop' });
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(3_000)]);
      if (child.exitCode === null) child.kill();
    }
    emitterRedis?.disconnect();
  }
}

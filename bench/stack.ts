/**
 * The stack under test: the BUILT server (`apps/server/dist/main.js`) and worker
 * (`apps/worker/dist/main.js`) as child processes of the runner, NODE_ENV=production,
 * LOG_LEVEL=warn, on loopback; plus what the runner reads of them in /proc.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, exitOf, freePort, REPO_ROOT, SERVER_NODE_FLAGS } from '@stockpulse/devstack';
import { searchPath } from './env';
import { cpuSecondsFromStat, statusMiB } from './stats';

export const SERVER_DIST = join(REPO_ROOT, 'apps', 'server', 'dist', 'main.js');
export const WORKER_DIST = join(REPO_ROOT, 'apps', 'worker', 'dist', 'main.js');

/** `npm run build` of the server and the worker (tsup; the fronts are not built here). */
export function buildServerAndWorker(): void {
  execFileSync('npm', ['run', 'build', '-w', '@stockpulse/server', '-w', '@stockpulse/worker'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export interface Child {
  name: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Every child started here that has not exited, for `stopAll` (a run interrupted). */
const alive = new Set<Child>();

/** Stops every server and worker child still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...alive].map((child) => child.stop().catch(() => undefined)));
}

function spawnDist(
  name: string,
  main: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Child {
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', main], {
    cwd: REPO_ROOT,
    env: { PATH: searchPath(), NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const handle: Child = {
    name,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
      await exitOf(child);
      clearTimeout(timer);
    },
  };
  alive.add(handle);
  child.once('exit', () => alive.delete(handle));
  return handle;
}

export interface StackEnv {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

/** `profileDir`: the server runs with `--cpu-prof` and writes its profile there on exit. */
export async function startServer(
  env: StackEnv,
  options: { profileDir?: string } = {},
): Promise<Child & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawnDist(
    'server',
    SERVER_DIST,
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      REDIS_PREFIX: env.redisPrefix,
    },
    [
      ...SERVER_NODE_FLAGS,
      ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []),
    ],
  );
  await eventually(
    'the server ready',
    async () => {
      if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
      return (await fetch(`${url}/healthz`).catch(() => null))?.ok ? true : undefined;
    },
    60_000,
  );
  return { ...server, url };
}

export async function startWorker(
  env: StackEnv,
  role: 'relay' | 'jobs' | 'all',
  extra: Record<string, string> = {},
): Promise<Child> {
  const worker = spawnDist(`worker:${role}`, WORKER_DIST, {
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    WORKER_ROLE: role,
    PAYMENT_LATENCY_MS: '0',
    PAYMENT_FAILURE_RATE: '0',
    // Nothing but the orders of the bench: no restock scan or sweep in the measurements.
    SWEEP_EVERY_MS: '3600000',
    RESTOCK_SCAN_EVERY_MS: '3600000',
    ORDER_EXPIRY_MS: '3600000',
    LOG_LEVEL: 'info', // its "worker ready" line is at info
    ...extra,
  });
  await eventually(
    `the ${role} worker ready`,
    () => {
      if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.output()}`);
      return worker.output().includes('worker ready') ? true : undefined;
    },
    60_000,
  );
  return worker;
}

/** CPU seconds (user + system) and memory of a child so far, from /proc. */
export interface ProcSample {
  cpuS: number;
  rssMiB: number;
  peakRssMiB: number;
}

export function sample(child: ChildProcess): ProcSample {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null) {
    return { cpuS: Number.NaN, rssMiB: Number.NaN, peakRssMiB: Number.NaN };
  }
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuS: cpuSecondsFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8')),
    rssMiB: statusMiB(status, 'VmRSS'),
    peakRssMiB: statusMiB(status, 'VmHWM'),
  };
}

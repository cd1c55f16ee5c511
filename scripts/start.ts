/**
 * `npm start`: MySQL and Redis (found or started) → migrations → a demo seed on an empty
 * database → build → server + worker, until Ctrl-C. `npm run dev` (`--dev`): the same with
 * `node --watch` and the Vite dev servers instead of the build.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ChildSpec,
  describeExit,
  paint,
  REPO_ROOT,
  SERVER_NODE_FLAGS,
  Supervisor,
  stopLeftovers,
} from '@stockpulse/devstack';
import { banner } from './banner';
import { childEnv, type RootEnv, readRootEnv } from './env';
import { createLifecycle } from './lifecycle';
import { DATA_DIR, openServices, seedIfEmpty } from './stack';

const dev = process.argv.includes('--dev');
const color = process.stdout.isTTY === true;
const say = (line: string) => console.log(`${paint('[start]', 35, color)} ${line}`);
const lifecycle = createLifecycle(say);
const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);
const STOREFRONT_DEV_PORT = 5173;
const ADMIN_DEV_PORT = 5174;

const supervisor = new Supervisor({
  color,
  stateFile: join(DATA_DIR, 'start-children.json'),
  // A crashed app (a SIGKILL, an out-of-memory kill) is started again after a backoff while
  // the others go on serving; only one that keeps crashing stops the stack
  // (DEFAULT_RESTART_POLICY: 5 crashes within a minute).
  restart: {},
  onUnexpectedExit(child, exit, crashes) {
    const tail = child.lastLines().slice(-30).join('\n');
    const times = crashes > 1 ? `, ${crashes} times within a minute` : '';
    void lifecycle.exit(
      1,
      `${child.name} stopped unexpectedly (${describeExit(exit)}${times}); its last lines:\n${tail}`,
    );
  },
});

/** True if nothing listens on `port` (on every interface, as the server will). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (lifecycle.exiting) await new Promise(() => {}); // the lifecycle is exiting for us
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

function appChildren(env: RootEnv, urls: { databaseUrl: string; redisUrl: string }): ChildSpec[] {
  const appEnv = childEnv({
    NODE_ENV: dev ? 'development' : 'production',
    PORT: env.PORT,
    DATABASE_URL: urls.databaseUrl,
    REDIS_URL: urls.redisUrl,
    LOG_LEVEL: env.LOG_LEVEL,
    ADMIN_EMAIL: env.ADMIN_EMAIL,
    ADMIN_PASSWORD: env.ADMIN_PASSWORD,
    PAYMENT_LATENCY_MS: env.PAYMENT_LATENCY_MS,
    PAYMENT_FAILURE_RATE: env.PAYMENT_FAILURE_RATE,
    ...(color ? { FORCE_COLOR: '1' } : {}),
  });
  const app = (name: string, color: number, dir = name, extraEnv = {}): ChildSpec => ({
    name,
    cwd: join(REPO_ROOT, 'apps', dir),
    env: { ...appEnv, ...extraEnv },
    color,
    command: process.execPath,
    args: dev
      ? ['--import', 'tsx', '--watch', 'src/main.ts']
      : [...(name === 'server' ? SERVER_NODE_FLAGS : []), 'dist/main.js'],
  });
  const vite = (name: string, port: number, color: number): ChildSpec => ({
    name,
    cwd: join(REPO_ROOT, 'apps', name),
    env: appEnv,
    color,
    command: bin('vite'),
    args: ['--port', String(port), '--strictPort'],
  });
  return [
    app('server', 36),
    // The outbox relay gets an event loop of its own: sharing one with 200 payments a
    // second took its commit-to-publish p99 from ~15 ms to ~95 ms (docs/architecture.md).
    app('relay', 32, 'worker', { WORKER_ROLE: 'relay' }),
    app('worker', 33, 'worker', { WORKER_ROLE: 'jobs' }),
    ...(dev
      ? [vite('storefront', STOREFRONT_DEV_PORT, 35), vite('admin', ADMIN_DEV_PORT, 34)]
      : []),
  ];
}

async function main(): Promise<void> {
  const env = readRootEnv();
  const leftovers = await stopLeftovers(join(DATA_DIR, 'start-children.json'));
  if (leftovers > 0) say(`stopped ${leftovers} app process(es) a killed earlier run left behind`);
  const ports = [env.PORT, ...(dev ? [STOREFRONT_DEV_PORT, ADMIN_DEV_PORT] : [])];
  for (const port of ports) {
    if (!(await portIsFree(port))) {
      throw new Error(
        `port ${port} is already in use (another Stockpulse?)${port === env.PORT ? '; set PORT to use another' : ''}`,
      );
    }
  }

  const services = await openServices(env, lifecycle, say);
  // Clean-ups run last-registered first: the children stop before the services they use.
  lifecycle.onExit(() => supervisor.stopAll(8_000));
  if (lifecycle.exiting) return;
  await seedIfEmpty(services.databaseUrl, env, say);
  if (lifecycle.exiting) return;

  if (!dev) {
    say('building (turbo run build)…');
    const t0 = Date.now();
    await supervisor.run({
      name: 'build',
      command: bin('turbo'),
      args: ['run', 'build', '--output-logs=errors-only'],
      cwd: REPO_ROOT,
      env: childEnv({ TURBO_TELEMETRY_DISABLED: '1' }),
      color: 90,
    });
    say(`built (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (lifecycle.exiting) return;

  for (const spec of appChildren(env, services)) supervisor.start(spec);
  try {
    await waitForHttp(`http://127.0.0.1:${env.PORT}/readyz`, 180_000);
    if (dev) {
      await waitForHttp(`http://127.0.0.1:${STOREFRONT_DEV_PORT}/`, 60_000);
      await waitForHttp(`http://127.0.0.1:${ADMIN_DEV_PORT}/admin/`, 60_000);
    }
  } catch (error) {
    const tails = supervisor.running.map(
      (child) => `--- ${child.name}, last lines:\n${child.lastLines().slice(-15).join('\n')}`,
    );
    throw new Error([(error as Error).message, ...tails].join('\n'));
  }
  console.log(banner({ env, services, dev, color }));
}

main().catch((error: Error) => {
  void lifecycle.exit(1, paint(`✗ ${error.message}`, 31, color));
});

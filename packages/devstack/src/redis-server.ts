import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { binarySearchDirs, findBinary } from './binaries';
import { searchPath } from './env';
import { adoptStale, recordInstance } from './instance-file';
import { type PrivateServer, privateServer } from './private-server';
import { probeRedis } from './probes';
import { freePort, spawnDetached, stopProcess, tailFile, waitUntil } from './processes';

export interface StartRedisOptions {
  /** Folder for the append-only file, the log and the pid file; created if missing. */
  dataDir: string;
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** Default: `redis-server` found on PATH or in the well-known folders. */
  binary?: string;
}

export function findRedisServer(dirs = binarySearchDirs(searchPath())): string | undefined {
  return findBinary(['redis-server'], dirs);
}

const NAME = 'redis';

function urlFor(port: number): string {
  return `redis://127.0.0.1:${port}`;
}

const answers = (port: number, expectPid?: number) =>
  probeRedis(urlFor(port), { expectPid }).then((result) => result.ok);

/**
 * A private redis-server on 127.0.0.1, in its own process group, configured like production
 * (append-only file, `noeviction`) minus RDB snapshots. Resolves once it answers PING.
 */
export async function startRedis(options: StartRedisOptions): Promise<PrivateServer> {
  const binary = options.binary ?? findRedisServer();
  if (!binary) throw new Error('redis-server not found on PATH or in the usual folders');
  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true });
  const pidFile = join(dataDir, 'redis.pid');

  // A server left behind by a killed run that still answers is taken over, never doubled.
  const stale = await adoptStale(dataDir, NAME, 'redis-server', answers, {
    serverPidFile: pidFile,
    wantedPort: options.port,
  });
  if (stale) {
    const { pid, port, shared } = stale;
    const stop = () => stopProcess(pid);
    return privateServer({
      dataDir,
      name: NAME,
      url: urlFor(port),
      port,
      pid,
      shared,
      reused: true,
      stop,
    });
  }

  const port = options.port ?? (await freePort());
  const logFile = join(dataDir, 'redis.log');
  // redis.conf directives as arguments; `--save ""` turns RDB snapshots off.
  const args = [
    ['--port', String(port)],
    ['--bind', '127.0.0.1'],
    ['--dir', dataDir],
    ['--appendonly', 'yes'],
    ['--maxmemory-policy', 'noeviction'],
    ['--save', ''],
    ['--daemonize', 'no'],
    ['--logfile', logFile],
    ['--pidfile', pidFile],
  ].flat();
  const child = spawnDetached(binary, args, dataDir);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${binary}`);
  const stop = () => stopProcess(pid, { child });
  try {
    await waitUntil(`redis-server on port ${port}`, () => answers(port, pid), {
      child,
      timeoutMs: 30_000,
      describeFailure: () => `\n--- ${logFile} ---\n${tailFile(logFile)}`,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  recordInstance(dataDir, NAME, { pid, port });
  return privateServer({ dataDir, name: NAME, url: urlFor(port), port, pid, stop });
}

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A TCP port nobody listens on at 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not pick a free port'));
      });
    });
  });
}

/**
 * Starts a long-running server in its own process group (detached, stdio to files only), so a
 * Ctrl-C aimed at the terminal's group reaches the app first and the caller stops it last.
 */
export function spawnDetached(command: string, args: string[], cwd: string): ChildProcess {
  const child = spawn(command, args, { cwd, detached: true, stdio: 'ignore' });
  child.unref();
  // Without a listener, a spawn failure (ENOENT) would crash the process; the caller notices
  // the exit while waiting for the server to answer.
  child.on('error', () => {});
  return child;
}

/** `[state, pgrp]` from Linux's /proc/<pid>/stat, or undefined elsewhere (or if gone). */
function procStat(pid: number | string): [state: string, pgrp: number] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp …"; comm may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [fields[0] ?? '', Number(fields[2])];
  } catch {
    return undefined;
  }
}

/**
 * True while a process with this pid runs (and is ours to signal). A zombie counts as gone:
 * where PID 1 does not reap orphans (some containers), a stopped orphan stays one forever.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return procStat(pid)?.[0] !== 'Z';
}

/** True while any process of process group `pgid` runs (zombies aside, on Linux). */
export function processGroupAlive(pgid: number): boolean {
  if (pgid <= 1) return false;
  if (existsSync('/proc/self/stat')) {
    return readdirSync('/proc').some((entry) => {
      if (!/^\d+$/.test(entry)) return false;
      const stat = procStat(entry);
      return stat !== undefined && stat[1] === pgid && stat[0] !== 'Z';
    });
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Whether `pid` (our child, when given, so a zombie counts as gone) has gone. */
function gone(pid: number, child?: ChildProcess): boolean {
  return child ? exited(child) : !isAlive(pid);
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL; resolves once the process has gone. */
export async function stopProcess(
  pid: number,
  options: { child?: ChildProcess; graceMs?: number } = {},
): Promise<void> {
  const { child, graceMs = 10_000 } = options;
  if (gone(pid, child)) return;
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (!gone(pid, child) && Date.now() < deadline) await sleep(50);
  if (gone(pid, child)) return;
  signal(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (!gone(pid, child) && Date.now() < killDeadline) await sleep(50);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/**
 * Polls `probe` until it resolves true; fails early if `child` exits, and after `timeoutMs`.
 * `describeFailure` adds context (e.g. the server's error log) to the error.
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  options: { child?: ChildProcess; timeoutMs?: number; describeFailure?: () => string },
): Promise<void> {
  const { child, timeoutMs = 60_000, describeFailure = () => '' } = options;
  const deadline = Date.now() + timeoutMs;
  let delay = 20;
  for (;;) {
    if (await probe()) return;
    if (child && exited(child)) {
      const how = child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode;
      throw new Error(`${what} exited (${how}) before it answered.${describeFailure()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} did not answer within ${timeoutMs / 1000} s.${describeFailure()}`);
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 250);
  }
}

/** The last `lines` lines of a text file, or '' if it cannot be read. */
export function tailFile(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The command line of a running process (Linux /proc, else `ps`), or undefined. */
export function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    // Not Linux, or gone.
  }
  try {
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

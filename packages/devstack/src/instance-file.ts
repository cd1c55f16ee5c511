import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLineOf, isAlive, stopProcess } from './processes';

/**
 * `<dataDir>/<name>.instance.json` remembers a private server we started (its pid, port and
 * the pid of the run that owns it), so a run that was killed before it could stop its servers
 * leaves nothing the next run doubles: that run takes the server over, or stops it.
 */
interface Instance {
  pid: number;
  port: number;
  ownerPid: number;
}

function instanceFile(dataDir: string, name: string): string {
  return join(dataDir, `${name}.instance.json`);
}

function readInstance(dataDir: string, name: string): Instance | undefined {
  try {
    const parsed = JSON.parse(readFileSync(instanceFile(dataDir, name), 'utf8')) as Instance;
    return Number.isInteger(parsed.pid) && Number.isInteger(parsed.port) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function recordInstance(
  dataDir: string,
  name: string,
  instance: { pid: number; port: number },
): void {
  const record: Instance = { ...instance, ownerPid: process.pid };
  writeFileSync(instanceFile(dataDir, name), `${JSON.stringify(record)}\n`);
}

export function forgetInstance(dataDir: string, name: string): void {
  rmSync(instanceFile(dataDir, name), { force: true });
}

/** True if `pid` is alive and its command line mentions `processName` (pids get reused). */
export function isProcessOf(pid: number, processName: string): boolean {
  if (!isAlive(pid)) return false;
  return commandLineOf(pid)?.includes(processName) ?? false;
}

export interface AdoptedInstance {
  pid: number;
  port: number;
  /** Another run that is still alive owns it: use it, but leave stopping it to that run. */
  shared: boolean;
}

/**
 * Looks for a server a previous run left in `dataDir`. One that still answers is taken over
 * (or shared, if its owner is still running); one that does not is stopped. `serverPidFile`
 * is the server's own pid file, for a server that was killed before we could record it.
 */
export async function adoptStale(
  dataDir: string,
  name: string,
  processName: string,
  answers: (port: number, pid: number) => Promise<boolean>,
  options: { serverPidFile?: string; wantedPort?: number } = {},
): Promise<AdoptedInstance | undefined> {
  const { serverPidFile, wantedPort } = options;
  const instance = readInstance(dataDir, name);
  if (instance && isProcessOf(instance.pid, processName)) {
    const portFits = wantedPort === undefined || wantedPort === instance.port;
    if (portFits && (await answers(instance.port, instance.pid))) {
      const ownerAlive = instance.ownerPid !== process.pid && isAlive(instance.ownerPid);
      if (!ownerAlive) recordInstance(dataDir, name, instance);
      return { pid: instance.pid, port: instance.port, shared: ownerAlive };
    }
    await stopProcess(instance.pid);
  }
  forgetInstance(dataDir, name);
  const orphan = serverPidFile ? readPid(serverPidFile) : undefined;
  if (orphan !== undefined && isProcessOf(orphan, processName)) await stopProcess(orphan);
  return undefined;
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

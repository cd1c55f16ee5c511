import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { paint, prettyLine } from './pretty-log';
import { isAlive, processGroupAlive } from './processes';
import { CrashHistory, DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy';

export interface ChildSpec {
  /** Shown as the `[name]` prefix of every line the child writes. */
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** ANSI colour of the prefix. */
  color?: number;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SupervisedChild {
  name: string;
  pid: number;
  /** Resolves when the child has exited. */
  exited: Promise<Exit>;
  /** The last lines it wrote (prettified, without the prefix). */
  lastLines(): string[];
}

export interface SupervisorOptions {
  /** Where prefixed lines go; default stdout. */
  write?: (line: string) => void;
  color?: boolean;
  /**
   * Called when a child exits while nobody asked it to stop: at once without `restart`,
   * else only once it has crashed `maxCrashes` times within the window (`crashes`).
   */
  onUnexpectedExit?: (child: SupervisedChild, exit: Exit, crashes: number) => void;
  /**
   * Starts a long-running child that crashed again, after a backoff, saying why; the
   * other children go on meanwhile. Fields left out take DEFAULT_RESTART_POLICY's.
   */
  restart?: Partial<RestartPolicy>;
  /** How many lines of each child to keep for the post-mortem. */
  keepLines?: number;
  /**
   * Where to keep the running children's process groups, so a later run can stop the ones a
   * killed (SIGKILL) run left behind: see `stopLeftovers`.
   */
  stateFile?: string;
}

/**
 * Runs child processes with prefixed, readable output. Each child leads its own process
 * group: a Ctrl-C meant for us does not reach it, and we stop it (SIGTERM to the leader,
 * which e.g. `node --watch` forwards once to its own child) when we choose to.
 */
export class Supervisor {
  private readonly children = new Map<SupervisedChild, ChildProcess>();
  private stopping = false;
  private width = 0;
  private readonly write: (line: string) => void;
  private readonly color: boolean;
  private readonly keepLines: number;
  private readonly crashes = new Map<string, CrashHistory>();
  private readonly restarts = new Set<NodeJS.Timeout>();

  constructor(private readonly options: SupervisorOptions = {}) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.color = options.color ?? false;
    this.keepLines = options.keepLines ?? 40;
  }

  /** Starts a long-running child; its exit, unless stopAll() caused it, is "unexpected". */
  start(spec: ChildSpec, options: { oneShot?: boolean } = {}): SupervisedChild {
    if (this.stopping) throw new Error(`not starting ${spec.name}: stopping`);
    const process_ = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.width = Math.max(this.width, spec.name.length + 2);
    const lines: string[] = [];
    const exited = new Promise<Exit>((resolve) => {
      process_.once('error', (error) => {
        lines.push(`could not start ${spec.command}: ${error.message}`);
        resolve({ code: 127, signal: null });
      });
      // 'close' comes once the pipes are drained (all output shown); a grandchild that keeps
      // them open must not hide the exit for long, hence the fallback on 'exit'.
      process_.once('close', (code, signal) => resolve({ code, signal }));
      process_.once('exit', (code, signal) => {
        setTimeout(() => resolve({ code, signal }), 2_000).unref();
      });
    });
    const child: SupervisedChild = {
      name: spec.name,
      pid: process_.pid ?? -1,
      exited,
      lastLines: () => [...lines],
    };
    const prefix = () => this.prefixOf(spec);
    for (const stream of [process_.stdout, process_.stderr]) {
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (raw) => {
        const text = prettyLine(raw, this.color);
        for (const line of text.split('\n')) {
          lines.push(line);
          if (lines.length > this.keepLines) lines.shift();
          this.write(`${prefix()} ${line}`);
        }
      });
    }
    this.children.set(child, process_);
    this.saveState();
    void exited.then((exit) => {
      this.children.delete(child);
      this.saveState();
      if (!this.stopping && !options.oneShot) this.crashed(spec, child, exit);
    });
    return child;
  }

  /** A long-running child exited on its own: start it again after a backoff, or give up. */
  private crashed(spec: ChildSpec, child: SupervisedChild, exit: Exit): void {
    if (!this.options.restart) {
      this.options.onUnexpectedExit?.(child, exit, 1);
      return;
    }
    let history = this.crashes.get(spec.name);
    if (!history) {
      history = new CrashHistory({ ...DEFAULT_RESTART_POLICY, ...this.options.restart });
      this.crashes.set(spec.name, history);
    }
    const { crashes, restartInMs } = history.crashed();
    const { maxCrashes, windowMs } = history.policy;
    const within = `within ${Math.round(windowMs / 1000)} s`;
    if (restartInMs === null) {
      this.notice(spec, `✗ ${describeExit(exit)}: ${crashes} crashes ${within}; not restarting`);
      this.options.onUnexpectedExit?.(child, exit, crashes);
      return;
    }
    this.notice(
      spec,
      `✗ stopped unexpectedly (${describeExit(exit)}); restarting in ${(restartInMs / 1000).toFixed(1)} s (crash ${crashes} ${within}; stops at ${maxCrashes})`,
    );
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.stopping) this.start(spec);
    }, restartInMs);
    this.restarts.add(timer);
  }

  private prefixOf(spec: ChildSpec): string {
    return paint(`[${spec.name}]`.padEnd(this.width), spec.color ?? 36, this.color);
  }

  /** A line of the supervisor's own about a child, under the child's prefix. */
  private notice(spec: ChildSpec, text: string): void {
    this.write(`${this.prefixOf(spec)} ${paint(text, 31, this.color)}`);
  }

  /** Runs a child to the end; rejects with its last lines if it does not exit 0. */
  async run(spec: ChildSpec): Promise<void> {
    const child = this.start(spec, { oneShot: true });
    const exit = await child.exited;
    if (exit.code !== 0) {
      throw new Error(
        `${spec.name} failed (${describeExit(exit)}); its last lines:\n${child.lastLines().join('\n')}`,
      );
    }
  }

  private saveState(): void {
    const file = this.options.stateFile;
    if (!file) return;
    const groups = [...this.children.keys()].map((child) => child.pid).filter((pid) => pid > 1);
    if (groups.length === 0) {
      rmSync(file, { force: true });
      return;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ ownerPid: process.pid, groups })}\n`);
  }

  get running(): SupervisedChild[] {
    return [...this.children.keys()];
  }

  /**
   * SIGTERM to every child, then up to `graceMs` for them (and whatever they started in
   * their process group) to exit, then SIGKILL to the groups still there.
   */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    const groups = [...this.children].map(([child, process_]) => ({ child, process_ }));
    for (const { child } of groups) signal(child.pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    await Promise.race([Promise.all(groups.map(({ child }) => child.exited)), sleep(graceMs)]);
    // The leaders are gone (or out of time); give their group members the rest of the grace.
    while (Date.now() < deadline && groups.some(({ child }) => processGroupAlive(child.pid))) {
      await sleep(50);
    }
    for (const { child } of groups) signal(-child.pid, 'SIGKILL');
    await Promise.all(groups.map(({ child }) => child.exited));
    const killDeadline = Date.now() + 2_000;
    while (Date.now() < killDeadline && groups.some(({ child }) => processGroupAlive(child.pid))) {
      await sleep(20);
    }
  }
}

/**
 * Stops the children a run recorded in `stateFile` if that run is gone (killed before it
 * could stop them); returns how many process groups were still running.
 */
export async function stopLeftovers(stateFile: string, graceMs = 5_000): Promise<number> {
  let state: { ownerPid: number; groups: number[] };
  try {
    state = JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return 0;
  }
  if (state.ownerPid !== process.pid && isAlive(state.ownerPid)) return 0;
  const groups = state.groups.filter((pgid) => pgid > 1 && processGroupAlive(pgid));
  for (const pgid of groups) signal(-pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groups.some(processGroupAlive)) await sleep(50);
  for (const pgid of groups) signal(-pgid, 'SIGKILL');
  rmSync(stateFile, { force: true });
  return groups.length;
}

export function describeExit(exit: Exit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

function signal(pid: number, name: NodeJS.Signals): void {
  if (Math.abs(pid) <= 1) return; // never ourselves (0), init (1) or a failed spawn (-1)
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from './processes';
import { eventually } from './spawn-main';
import { type Exit, type SupervisedChild, Supervisor, stopLeftovers } from './supervisor';

function node(name: string, script: string) {
  return { name, command: process.execPath, args: ['-e', script], cwd: process.cwd() };
}

describe('Supervisor', () => {
  it('prefixes every line of a child and shows pino lines readably', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ write: (line) => lines.push(line) });
    await supervisor.run(
      node(
        'api',
        `console.log('plain'); console.error(JSON.stringify({ level: 30, time: 0, msg: 'ready', port: 1 }))`,
      ),
    );
    expect(lines.sort()).toEqual(['[api] 00:00:00 INFO  ready port=1', '[api] plain']);
  });

  it('rejects a run that fails, with its last lines', async () => {
    const supervisor = new Supervisor({ write: () => {} });
    await expect(
      supervisor.run(
        node('build', `console.log('compiling'); console.log('error TS2322'); process.exit(2)`),
      ),
    ).rejects.toThrow(/build failed \(exit code 2\); its last lines:\ncompiling\nerror TS2322/);
  });

  it('reports a child that dies on its own, but not one it stopped or ran to the end', async () => {
    const deaths: [SupervisedChild, Exit][] = [];
    const supervisor = new Supervisor({
      write: () => {},
      onUnexpectedExit: (child, exit) => deaths.push([child, exit]),
    });
    await supervisor.run(node('build', 'process.exit(0)'));
    const crasher = supervisor.start(node('worker', `console.log('oops'); process.exit(3)`));
    const steady = supervisor.start(node('server', 'setInterval(() => {}, 1000)'));
    await crasher.exited;
    await new Promise((resolve) => setImmediate(resolve));
    expect(deaths.map(([child, exit]) => [child.name, exit.code, child.lastLines()])).toEqual([
      ['worker', 3, ['oops']],
    ]);
    await supervisor.stopAll(2_000);
    expect(deaths).toHaveLength(1);
    expect(isAlive(steady.pid)).toBe(false);
  });

  it('lets children drain on SIGTERM, and kills one that ignores it after the grace', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ write: (line) => lines.push(line) });
    const polite = supervisor.start(
      node(
        'polite',
        `process.on('SIGTERM', () => setTimeout(() => { console.log('drained'); process.exit(0); }, 200)); console.log('up'); setInterval(() => {}, 1000)`,
      ),
    );
    const stubborn = supervisor.start(
      node(
        'stubborn',
        `process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)`,
      ),
    );
    while (lines.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    const t0 = Date.now();
    await supervisor.stopAll(1_000);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(await polite.exited).toEqual({ code: 0, signal: null });
    expect(await stubborn.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(lines).toContain('[polite]   drained');
  });

  it('also stops what a child started in its process group', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ write: (line) => lines.push(line) });
    // The leader exits on SIGTERM at once; its own child ignores SIGTERM and would linger.
    const script = `
      const { spawn } = require('node:child_process');
      const grandchild = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
      console.log(String(grandchild.pid));
      setInterval(() => {}, 1000);`;
    supervisor.start(node('parent', script));
    while (lines.length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
    const grandchild = Number(lines[0]?.split(' ').pop());
    expect(isAlive(grandchild)).toBe(true);
    await supervisor.stopAll(500);
    expect(isAlive(grandchild)).toBe(false);
  });
});

describe('Supervisor with a restart policy', () => {
  const steady = 'setInterval(() => {}, 1000)';

  it('starts a SIGKILLed child again after a backoff, saying why, while the others keep running', async () => {
    const lines: string[] = [];
    const deaths: Exit[] = [];
    const supervisor = new Supervisor({
      write: (line) => lines.push(line),
      restart: { firstDelayMs: 100 },
      onUnexpectedExit: (_child, exit) => deaths.push(exit),
    });
    try {
      const server = supervisor.start(node('server', steady));
      const worker = supervisor.start(node('worker', `console.log('up'); ${steady}`));
      await eventually('the worker up', async () =>
        lines.includes('[worker] up') ? true : undefined,
      );
      process.kill(worker.pid, 'SIGKILL');
      const again = await eventually('the worker restarted', async () =>
        supervisor.running.find((child) => child.name === 'worker' && child.pid !== worker.pid),
      );
      expect(lines).toContain(
        '[worker] ✗ stopped unexpectedly (killed by SIGKILL); restarting in 0.1 s (crash 1 within 60 s; stops at 5)',
      );
      await eventually('the new worker up', async () =>
        lines.filter((line) => line === '[worker] up').length === 2 ? true : undefined,
      );
      expect(isAlive(again.pid)).toBe(true);
      // The server was never touched: same process, still running.
      expect(supervisor.running.find((child) => child.name === 'server')?.pid).toBe(server.pid);
      expect(isAlive(server.pid)).toBe(true);
      expect(deaths).toEqual([]);
    } finally {
      await supervisor.stopAll(2_000);
    }
  });

  it('gives up on a child that keeps crashing, and tells onUnexpectedExit how often', async () => {
    const lines: string[] = [];
    const deaths: [string, Exit, number][] = [];
    const supervisor = new Supervisor({
      write: (line) => lines.push(line),
      restart: { maxCrashes: 3, windowMs: 30_000, firstDelayMs: 10 },
      onUnexpectedExit: (child, exit, crashes) => deaths.push([child.name, exit, crashes]),
    });
    try {
      supervisor.start(node('worker', 'process.exit(4)'));
      await eventually('the supervisor gave up', async () =>
        deaths.length > 0 ? true : undefined,
      );
      expect(deaths).toEqual([['worker', { code: 4, signal: null }, 3]]);
      expect(lines.filter((line) => line.includes('restarting in'))).toHaveLength(2);
      expect(lines.at(-1)).toBe('[worker] ✗ exit code 4: 3 crashes within 30 s; not restarting');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(supervisor.running).toEqual([]);
    } finally {
      await supervisor.stopAll(2_000);
    }
  });

  it('starts nothing more once stopAll has begun', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({
      write: (line) => lines.push(line),
      restart: { firstDelayMs: 300 },
    });
    supervisor.start(node('worker', 'process.exit(1)'));
    await eventually('the restart announced', async () =>
      lines.some((line) => line.includes('restarting in')) ? true : undefined,
    );
    await supervisor.stopAll(2_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(supervisor.running).toEqual([]);
  });
});

describe('stopLeftovers', () => {
  it('stops the children of a run that was killed, and leaves a live run alone', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'sp-sup-')), 'children.json');
    // A run records its children, then is killed: its process is gone, they are not.
    const supervisor = new Supervisor({ write: () => {}, stateFile });
    const orphan = supervisor.start(node('server', 'setInterval(() => {}, 1000)'));
    expect(existsSync(stateFile)).toBe(true);
    const deadOwner = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => deadOwner.once('exit', resolve));
    writeFileSync(stateFile, JSON.stringify({ ownerPid: deadOwner.pid, groups: [orphan.pid] }));

    writeFileSync(`${stateFile}.live`, JSON.stringify({ ownerPid: 1, groups: [orphan.pid] }));
    expect(await stopLeftovers(`${stateFile}.live`)).toBe(0);
    expect(isAlive(orphan.pid)).toBe(true);

    expect(await stopLeftovers(stateFile)).toBe(1);
    await orphan.exited;
    expect(isAlive(orphan.pid)).toBe(false);
    expect(existsSync(stateFile)).toBe(false);
  });
});

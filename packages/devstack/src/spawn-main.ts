import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { searchPath } from './env';
import { REPO_ROOT } from './paths';

/**
 * Test helpers for an app's entry point: run `node --import tsx <main>` as `npm run dev`
 * does, with exactly the environment given (plus PATH), and watch what it prints.
 */
export function spawnMain(main: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: REPO_ROOT,
    env: { PATH: searchPath(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return { child, output: () => ({ stdout, stderr }) };
}

export async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = await once(child, 'exit');
  return code as number | null;
}

/** Retries `attempt` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  what: string,
  attempt: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

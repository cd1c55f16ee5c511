import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@stockpulse/devstack';
import { buildEnv } from './env';

export const FRONTS = ['storefront', 'admin'] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function viteBuild(app: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--outDir',
        outDir,
        '--emptyOutDir',
      ],
      {
        cwd: join(REPO_ROOT, 'apps', app),
        env: buildEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`vite build of ${app} failed:\n${output.slice(-4_000)}`)),
    );
  });
}

/** Earlier runs' builds (a few MB each), once they are surely finished with. */
function removeOldBuilds(parent: string, keep: string) {
  const cutoff = Date.now() - 3 * 3600_000;
  for (const name of readdirSync(parent)) {
    const dir = join(parent, name);
    if (dir !== keep && statSync(dir).mtimeMs < cutoff)
      rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The production builds of both fronts for one test run, made once however many e2e
 * files (in however many Vitest workers) ask: the first caller takes a lock directory and
 * builds; the others wait for its verdict. Each run builds into a folder of its own
 * (`.data/e2e/<run>/`), served through the server's FRONTS_DIR, so a run never serves a
 * half-written build of another run or of `npm start`.
 */
export async function buildFrontsOnce(runId: string): Promise<string> {
  const root = join(REPO_ROOT, '.data', 'e2e', runId);
  const done = join(root, 'built.json');
  mkdirSync(join(REPO_ROOT, '.data', 'e2e'), { recursive: true });
  let builder = false;
  try {
    mkdirSync(root); // atomic: exactly one caller per run gets to build
    builder = true;
  } catch {
    // Another worker of this run builds.
  }
  if (builder) {
    removeOldBuilds(join(REPO_ROOT, '.data', 'e2e'), root);
    let verdict: { ok: boolean; error?: string };
    try {
      for (const app of FRONTS) await viteBuild(app, join(root, app));
      verdict = { ok: true };
    } catch (error) {
      verdict = { ok: false, error: (error as Error).message };
    }
    writeFileSync(done, JSON.stringify(verdict));
  }
  const deadline = Date.now() + 180_000;
  while (!existsSync(done)) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the fronts to be built');
    await sleep(200);
  }
  const verdict = JSON.parse(readFileSync(done, 'utf8')) as { ok: boolean; error?: string };
  if (!verdict.ok) throw new Error(verdict.error);
  return root;
}

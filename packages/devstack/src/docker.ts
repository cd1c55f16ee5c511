import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childEnv } from './env';
import { REPO_ROOT } from './paths';

const run = promisify(execFile);

export type ComposeService = 'mysql' | 'redis';

/** True if a Docker engine answers (`docker info` succeeds), not merely the client exists. */
export async function dockerEngineRuns(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/** `docker compose` (v2 plugin), else the old `docker-compose`, with its leading arguments. */
async function composeCommand(): Promise<[string, string[]]> {
  try {
    await run('docker', ['compose', 'version'], { timeout: 5_000 });
    return ['docker', ['compose']];
  } catch {
    return ['docker-compose', []];
  }
}

async function compose(args: string[], env: Record<string, string>, timeout: number) {
  const [command, leading] = await composeCommand();
  const file = join(REPO_ROOT, 'docker-compose.yml');
  return run(command, [...leading, '-f', file, ...args], {
    cwd: REPO_ROOT,
    env: childEnv(env),
    timeout,
  });
}

/**
 * `docker compose up -d` for the given services of the repo's docker-compose.yml, published
 * on the given host ports. The caller waits until they answer (first time: image pulls).
 */
export async function composeUp(
  services: ComposeService[],
  ports: { mysql?: number; redis?: number },
): Promise<{ stop(): Promise<void> }> {
  const env: Record<string, string> = {};
  if (ports.mysql) env.MYSQL_PORT = String(ports.mysql);
  if (ports.redis) env.REDIS_PORT = String(ports.redis);
  try {
    await compose(['up', '-d', ...services], env, 600_000);
  } catch (error) {
    const { stderr = '', message } = error as { stderr?: string; message: string };
    throw new Error(
      `docker compose up -d ${services.join(' ')} failed:\n${stderr.trim() || message}`,
    );
  }
  return {
    async stop() {
      await compose(['stop', ...services], env, 60_000);
    },
  };
}

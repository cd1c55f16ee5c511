import { join, relative } from 'node:path';
import { binarySearchDirs } from './binaries';
import { type ComposeService, composeUp, dockerEngineRuns } from './docker';
import { searchPath } from './env';
import { findMysqlServer, startMariadb } from './mysql-server';
import { REPO_ROOT } from './paths';
import { type ProbeResult, probeMysql, probeRedis } from './probes';
import { waitUntil } from './processes';
import { findRedisServer, startRedis } from './redis-server';
import { busyMysqlReason, retryWhileBusy } from './startup-retry';
import { isLocalUrl, localUrl, portOf, redactUrl } from './urls';

export type ServiceOrigin = 'found' | 'private' | 'docker';

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  started: { mysql: ServiceOrigin; redis: ServiceOrigin };
  /** Stops only what this call started (private servers, Docker containers); idempotent. */
  stop(): Promise<void>;
}

export interface FindOrStartOptions {
  databaseUrl: string;
  redisUrl: string;
  /** Private servers keep their data in `<dataDir>/mysql` and `<dataDir>/redis`. */
  dataDir: string;
  log?: (line: string) => void;
  /** Where to look for binaries; default PATH plus the well-known folders. */
  binDirs?: string[];
  /** Default: ask `docker info`. */
  dockerAvailable?: () => Promise<boolean>;
}

interface Need {
  service: ComposeService;
  variable: 'DATABASE_URL' | 'REDIS_URL';
  label: string;
  url: string;
  probe: ProbeResult;
}

/** `probeMysql`, waiting out a server that answers "Too many connections" (startup-retry.ts). */
function probeMysqlWhileBusy(databaseUrl: string, log: (line: string) => void) {
  return retryWhileBusy(
    `MySQL at ${redactUrl(databaseUrl)}`,
    async () => {
      const probe = await probeMysql(databaseUrl);
      if (!probe.ok && busyMysqlReason(probe) !== null) {
        throw Object.assign(new Error(probe.message), { errno: probe.errno });
      }
      return probe;
    },
    { say: log },
  );
}

/**
 * Uses the MySQL and Redis of DATABASE_URL and REDIS_URL if they answer; for each one on this
 * machine that does not, starts a private server from installed binaries, else through
 * Docker Compose, else fails with a message saying what to install.
 */
export async function findOrStartServices(options: FindOrStartOptions): Promise<Services> {
  const log = options.log ?? (() => {});
  const [mysqlProbe, redisProbe] = await Promise.all([
    probeMysqlWhileBusy(options.databaseUrl, log),
    probeRedis(options.redisUrl),
  ]);
  const needs: Need[] = [
    {
      service: 'mysql',
      variable: 'DATABASE_URL',
      label: 'MySQL',
      url: options.databaseUrl,
      probe: mysqlProbe,
    },
    {
      service: 'redis',
      variable: 'REDIS_URL',
      label: 'Redis',
      url: options.redisUrl,
      probe: redisProbe,
    },
  ];
  for (const need of needs) {
    if (need.probe.ok) {
      log(`${need.label}: found at ${redactUrl(need.url)}`);
    } else if (need.probe.reason === 'refused' || !isLocalUrl(need.url)) {
      throw new Error(
        `${need.label} at ${redactUrl(need.url)} (${need.variable}) ${need.probe.reason === 'refused' ? 'answered but refused' : 'does not answer'}: ${need.probe.message}. Fix ${need.variable} or that server.`,
      );
    }
  }

  const missing = needs.filter((need) => !need.probe.ok);
  const started: Services['started'] = { mysql: 'found', redis: 'found' };
  const urls = { mysql: options.databaseUrl, redis: options.redisUrl };
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  if (missing.length === 0)
    return { databaseUrl: urls.mysql, redisUrl: urls.redis, started, stop: stopAll };

  const dirs = options.binDirs ?? binarySearchDirs(searchPath());
  const mysqlBinaries = await findMysqlServer(dirs);
  const redisBinary = findRedisServer(dirs);
  const viaDocker: Need[] = [];
  try {
    for (const need of missing) {
      const dataDir = join(options.dataDir, need.service);
      const where = relative(REPO_ROOT, dataDir) || dataDir;
      if (need.service === 'mysql' && mysqlBinaries) {
        const t0 = Date.now();
        const server = await startMariadb({ dataDir, binaries: mysqlBinaries });
        stops.push(() => server.stop());
        urls.mysql = localUrl(need.url, server.port, 'root');
        started.mysql = 'private';
        log(
          `MySQL: nothing answered at ${redactUrl(need.url)}; ${server.reused ? 'reusing the' : 'started a'} private ${mysqlBinaries.flavour === 'mariadb' ? 'MariaDB' : 'MySQL'} on 127.0.0.1:${server.port} (pid ${server.pid}, data in ${where}, ${Date.now() - t0} ms)`,
        );
      } else if (need.service === 'redis' && redisBinary) {
        const t0 = Date.now();
        const server = await startRedis({ dataDir, binary: redisBinary });
        stops.push(() => server.stop());
        urls.redis = localUrl(need.url, server.port);
        started.redis = 'private';
        log(
          `Redis: nothing answered at ${redactUrl(need.url)}; ${server.reused ? 'reusing the' : 'started a'} private redis-server on 127.0.0.1:${server.port} (pid ${server.pid}, data in ${where}, ${Date.now() - t0} ms)`,
        );
      } else {
        viaDocker.push(need);
      }
    }
    if (viaDocker.length > 0) {
      if (!(await (options.dockerAvailable ?? dockerEngineRuns)())) {
        throw new Error(installHint(viaDocker, dirs));
      }
      const services = viaDocker.map((need) => need.service);
      log(`${services.join(' and ')}: starting with docker compose (first time pulls images)…`);
      const ports = Object.fromEntries(viaDocker.map((need) => [need.service, portOf(need.url)]));
      const containers = await composeUp(services, ports);
      stops.push(() => containers.stop());
      for (const need of viaDocker) {
        started[need.service] = 'docker';
        if (need.service === 'mysql') urls.mysql = localUrl(need.url, portOf(need.url), 'root');
        const url = urls[need.service];
        const probe = need.service === 'mysql' ? probeMysql : probeRedis;
        await waitUntil(`${need.label} in Docker`, () => probe(url).then((r) => r.ok), {
          timeoutMs: 180_000,
        });
        log(`${need.label}: started in Docker at ${redactUrl(url)}`);
      }
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { databaseUrl: urls.mysql, redisUrl: urls.redis, started, stop: stopAll };
}

/** The message for a machine with neither the binaries nor a Docker engine. */
export function installHint(
  missing: Pick<Need, 'service' | 'variable' | 'label' | 'url' | 'probe'>[],
  dirs: string[],
): string {
  const apt = missing.map((need) => (need.service === 'mysql' ? 'mariadb-server' : 'redis-server'));
  const brew = missing.map((need) => (need.service === 'mysql' ? 'mariadb' : 'redis'));
  const binaries = missing.map((need) =>
    need.service === 'mysql' ? 'mariadbd/mysqld' : 'redis-server',
  );
  const lines = [
    `Stockpulse needs MySQL 8 or MariaDB 10.11, and Redis 7. Not answering:`,
    ...missing.map(
      (need) =>
        `  ${need.label} at ${redactUrl(need.url)} (${need.variable}): ${need.probe.ok ? 'ok' : need.probe.message}`,
    ),
    `No ${binaries.join(' or ')} binary was found (searched ${dirs.join(':')}), and no Docker engine is running.`,
    'Do one of these, then run the command again:',
    `  - install ${missing.length > 1 ? 'them' : 'it'} (Stockpulse starts its own private server${missing.length > 1 ? 's' : ''} in .data/):`,
    `      Debian/Ubuntu: sudo apt-get install ${apt.join(' ')}`,
    `      macOS:         brew install ${brew.join(' ')}`,
    '  - start Docker (Stockpulse then runs `docker compose up -d` for you)',
    `  - set ${missing.map((need) => need.variable).join(' / ')} to servers you already run`,
  ];
  return lines.join('\n');
}

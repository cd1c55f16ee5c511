import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { binarySearchDirs, findBinary } from './binaries';
import { searchPath } from './env';
import { adoptStale, recordInstance } from './instance-file';
import { type PrivateServer, privateServer } from './private-server';
import { probeMysql } from './probes';
import { freePort, spawnDetached, stopProcess, tailFile, waitUntil } from './processes';

const run = promisify(execFile);

export interface MysqlServerBinaries {
  flavour: 'mariadb' | 'mysql';
  /** mariadbd or mysqld */
  server: string;
  /** mariadb-install-db / mysql_install_db for MariaDB; MySQL initialises with the server. */
  installDb?: string;
}

/** MariaDB's `mariadbd` first; a `mysqld` may be either (Debian links it to mariadbd). */
export async function findMysqlServer(
  dirs = binarySearchDirs(searchPath()),
): Promise<MysqlServerBinaries | undefined> {
  const installDb = findBinary(['mariadb-install-db', 'mysql_install_db'], dirs);
  const mariadbd = findBinary(['mariadbd'], dirs);
  if (mariadbd) return { flavour: 'mariadb', server: mariadbd, installDb };
  const mysqld = findBinary(['mysqld'], dirs);
  if (!mysqld) return undefined;
  const { stdout } = await run(mysqld, ['--version']);
  return /mariadb/i.test(stdout)
    ? { flavour: 'mariadb', server: mysqld, installDb }
    : { flavour: 'mysql', server: mysqld };
}

export interface StartMariadbOptions {
  /** Holds `data/` (the datadir), the socket, the pid file and the error log. */
  dataDir: string;
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** Put in the returned URL's path; default none (`mysql://root@127.0.0.1:<port>/`). */
  database?: string;
  /** Default: found on PATH or in the well-known folders. */
  binaries?: MysqlServerBinaries;
}

const NAME = 'mysql';
const asRoot = process.getuid?.() === 0;

function urlFor(port: number, database = ''): string {
  return `mysql://root@127.0.0.1:${port}/${database}`;
}

/**
 * A private MariaDB (or MySQL) server on 127.0.0.1 whose root has no password, in its own
 * process group. An empty data folder is initialised first. Resolves once it answers.
 */
export async function startMariadb(options: StartMariadbOptions): Promise<PrivateServer> {
  const binaries = options.binaries ?? (await findMysqlServer());
  if (!binaries) throw new Error('mariadbd/mysqld not found on PATH or in the usual folders');
  mkdirSync(options.dataDir, { recursive: true });
  const dir = realpathSync(options.dataDir);
  const datadir = join(dir, 'data');
  const pidFile = join(dir, 'mysqld.pid');
  const errorLog = join(dir, 'mysqld.err');
  const answers = (port: number) =>
    probeMysql(urlFor(port), { expectDatadir: datadir }).then((result) => result.ok);
  const processName = basename(binaries.server);

  // A server left behind by a killed run that still answers is taken over, never doubled
  // (two servers on one datadir would fight over InnoDB's files).
  const stale = await adoptStale(dir, NAME, processName, answers, {
    serverPidFile: pidFile,
    wantedPort: options.port,
  });
  if (stale) {
    const { pid, port, shared } = stale;
    const url = urlFor(port, options.database);
    const stop = () => stopProcess(pid);
    return privateServer({ dataDir: dir, name: NAME, url, port, pid, shared, reused: true, stop });
  }

  // Each server gets its own tmpdir: MariaDB names temp tables in a way that lets two servers
  // (or two mariadb-install-db runs) sharing /tmp delete each other's files.
  const tmpdir = join(dir, 'tmp');
  mkdirSync(tmpdir, { recursive: true });
  if (!existsSync(join(datadir, 'mysql'))) await initialise(binaries, dir, datadir, tmpdir);

  const port = options.port ?? (await freePort());
  const args = [
    '--no-defaults', // must come first: ignore /etc/mysql/my.cnf and ~/.my.cnf
    `--datadir=${datadir}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${socketPath(dir)}`,
    `--pid-file=${pidFile}`,
    `--log-error=${errorLog}`,
    `--tmpdir=${tmpdir}`,
    '--skip-name-resolve',
    '--default-time-zone=+00:00',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    ...(asRoot ? ['--user=root'] : []),
    // MySQL 8 would also listen for the X protocol on 33060 and write binary logs.
    ...(binaries.flavour === 'mysql' ? ['--mysqlx=OFF', '--skip-log-bin'] : []),
  ];
  const child = spawnDetached(binaries.server, args, dir);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${binaries.server}`);
  const stop = () => stopProcess(pid, { child });
  try {
    await waitUntil(`${processName} on port ${port}`, () => answers(port), {
      child,
      timeoutMs: 60_000,
      describeFailure: () => `\n--- ${errorLog} ---\n${tailFile(errorLog)}`,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  recordInstance(dir, NAME, { pid, port });
  const url = urlFor(port, options.database);
  return privateServer({ dataDir: dir, name: NAME, url, port, pid, stop });
}

/** Unix sockets are limited to ~104 bytes; a deep checkout gets one in the temp folder. */
function socketPath(dir: string): string {
  const inside = join(dir, 'mysqld.sock');
  return inside.length < 100 ? inside : join('/tmp', `stockpulse-mysqld-${process.pid}.sock`);
}

/**
 * Creates the system tables in a sibling folder, then renames it into place, so a run killed
 * half-way never leaves a datadir that looks initialised but is not. Root gets no password.
 */
async function initialise(
  binaries: MysqlServerBinaries,
  dir: string,
  datadir: string,
  tmpdir: string,
) {
  const staging = `${datadir}.init`;
  rmSync(staging, { recursive: true, force: true });
  rmSync(datadir, { recursive: true, force: true });
  const user = asRoot ? ['--user=root'] : [];
  const [command, args] =
    binaries.flavour === 'mariadb'
      ? [
          binaries.installDb,
          [
            '--no-defaults',
            `--datadir=${staging}`,
            '--auth-root-authentication-method=normal',
            '--skip-test-db',
            `--tmpdir=${tmpdir}`,
            ...user,
          ],
        ]
      : [
          binaries.server,
          [
            '--no-defaults',
            '--initialize-insecure',
            `--datadir=${staging}`,
            `--tmpdir=${tmpdir}`,
            ...user,
          ],
        ];
  if (!command) {
    throw new Error(
      `found ${binaries.server} but not mariadb-install-db/mysql_install_db to initialise ${datadir}`,
    );
  }
  try {
    await run(command, args, { cwd: dir, timeout: 120_000 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${basename(command)} could not initialise ${staging}:\n${`${stdout}\n${stderr}`.trim()}`,
    );
  }
  renameSync(staging, datadir);
}

/**
 * `npm run db:migrate` and `npm run db:seed -- --products 100000 --orders 1000000`: find (or
 * start) MySQL and Redis as `npm start` does, migrate, and for `seed` fill the empty database.
 * `setup` (docker-compose.yml's one-shot service) migrates and seeds only an empty database.
 * `check` (`npm run check`) runs the invariant checks of DESIGN §4 against every row of the
 * database (`-- --recent`: the rows written in the last hour only) and exits 1 when any row
 * breaks one.
 */
import { type CheckMode, checkInvariants } from '@stockpulse/core';
import { createPool } from '@stockpulse/db';
import { parseSeedArgs } from '@stockpulse/db/seed';
import { paint } from '@stockpulse/devstack';
import { readRootEnv } from './env';
import { createLifecycle } from './lifecycle';
import { describeSeed, openServices, seedDatabase, seedIfEmpty } from './stack';

const color = process.stdout.isTTY === true;
const say = (line: string) => console.log(`${paint('[db]', 35, color)} ${line}`);
const lifecycle = createLifecycle(say);
const USAGE =
  'usage: db.ts migrate | setup | check [--recent] | seed [--products N] [--orders N] [--customers N] [--days N] [--seed N]';
const COMMANDS = ['migrate', 'setup', 'check', 'seed'];

/** Prints every violation of the invariants and each one's time; false when there is any. */
async function checkInvariantsOf(databaseUrl: string, mode: CheckMode): Promise<boolean> {
  // One connection per invariant that runs at once (the check's default is 3).
  const pool = createPool(databaseUrl, { connectionLimit: 3 });
  try {
    const result = await checkInvariants({ pool }, { mode });
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const took = `${mode} mode, ${seconds(result.durationMs)}`;
    if (result.scope) {
      say(
        `since ${result.scope.since.toISOString()}: ${result.scope.variants} variants, ${result.scope.orders} orders`,
      );
    }
    for (const i of result.invariants) {
      say(`${i.invariant}. ${i.name}: ${i.violations} violation(s), ${seconds(i.durationMs)}`);
    }
    if (result.ok) {
      say(paint(`✓ every invariant holds (${took})`, 32, color));
      return true;
    }
    for (const v of result.violations)
      say(`invariant ${v.invariant}: ${v.entity} ${v.entityId}: ${v.detail}`);
    say(paint(`✗ ${result.violations.length} violation(s) (${took})`, 31, color));
    return false;
  } finally {
    await pool.end();
  }
}

/** `check`'s one flag; anything else is a usage error. */
function checkModeOf(flags: string[]): CheckMode {
  if (flags.length === 0) return 'full';
  if (flags.length === 1 && flags[0] === '--recent') return 'recent';
  throw new Error(`check takes --recent or nothing\n${USAGE}`);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || !COMMANDS.includes(command)) throw new Error(USAGE);
  const checkMode = command === 'check' ? checkModeOf(rest) : undefined;
  if (!['seed', 'check'].includes(command) && rest.length > 0) {
    throw new Error(`${command} takes no flags\n${USAGE}`);
  }
  const sizes = command === 'seed' ? parseSeedArgs(rest) : {};
  const env = readRootEnv();
  // The check reads and changes nothing, the schema included (the reference shop is shared).
  const services = await openServices(env, lifecycle, say, { migrate: command !== 'check' });
  if (command === 'setup') await seedIfEmpty(services.databaseUrl, env, say);
  if (command === 'seed') {
    say('seeding…');
    say(describeSeed(await seedDatabase(services.databaseUrl, env, sizes)));
  }
  if (checkMode && !(await checkInvariantsOf(services.databaseUrl, checkMode))) {
    process.exitCode = 1;
  }
}

main().then(
  () => lifecycle.exit(process.exitCode === 1 ? 1 : 0),
  (error: Error) => lifecycle.exit(1, paint(`✗ ${error.message}`, 31, color)),
);

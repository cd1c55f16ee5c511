/**
 * `npm run db:migrate` and `npm run db:seed -- --products 100000 --orders 1000000`: find (or
 * start) MySQL and Redis as `npm start` does, migrate, and for `seed` fill the empty database.
 * `setup` (docker-compose.yml's one-shot service) migrates and seeds only an empty database.
 * `check` (`npm run check`) runs the invariant checks of DESIGN §4 against the database and
 * exits 1 when any row breaks one.
 */
import { callInventoryCheck, createPool } from '@stockpulse/db';
import { parseSeedArgs } from '@stockpulse/db/seed';
import { paint } from '@stockpulse/devstack';
import { readRootEnv } from './env';
import { createLifecycle } from './lifecycle';
import { describeSeed, openServices, seedDatabase, seedIfEmpty } from './stack';

const color = process.stdout.isTTY === true;
const say = (line: string) => console.log(`${paint('[db]', 35, color)} ${line}`);
const lifecycle = createLifecycle(say);
const USAGE =
  'usage: db.ts migrate | setup | check | seed [--products N] [--orders N] [--customers N] [--days N] [--seed N]';
const COMMANDS = ['migrate', 'setup', 'check', 'seed'];

/** Prints every violation of the invariants; false when there is any. */
async function checkInvariants(databaseUrl: string): Promise<boolean> {
  const pool = createPool(databaseUrl, { connectionLimit: 1 });
  try {
    const started = Date.now();
    const violations = await callInventoryCheck(pool);
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    if (violations.length === 0) {
      say(paint(`✓ every invariant holds (${took})`, 32, color));
      return true;
    }
    for (const v of violations)
      say(`invariant ${v.invariant}: ${v.entity} ${v.entityId}: ${v.detail}`);
    say(paint(`✗ ${violations.length} violation(s) (${took})`, 31, color));
    return false;
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || !COMMANDS.includes(command)) throw new Error(USAGE);
  if (command !== 'seed' && rest.length > 0) throw new Error(`${command} takes no flags\n${USAGE}`);
  const sizes = command === 'seed' ? parseSeedArgs(rest) : {};
  const env = readRootEnv();
  const services = await openServices(env, lifecycle, say);
  if (command === 'setup') await seedIfEmpty(services.databaseUrl, env, say);
  if (command === 'seed') {
    say('seeding…');
    say(describeSeed(await seedDatabase(services.databaseUrl, env, sizes)));
  }
  if (command === 'check' && !(await checkInvariants(services.databaseUrl))) {
    process.exitCode = 1;
  }
}

main().then(
  () => lifecycle.exit(process.exitCode === 1 ? 1 : 0),
  (error: Error) => lifecycle.exit(1, paint(`✗ ${error.message}`, 31, color)),
);

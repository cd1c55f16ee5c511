/**
 * `npm run db:migrate` and `npm run db:seed -- --products 100000 --orders 1000000`: find (or
 * start) MySQL and Redis as `npm start` does, migrate, and for `seed` fill the empty database.
 * `setup` (docker-compose.yml's one-shot service) migrates and seeds only an empty database.
 */
import { parseSeedArgs } from '@stockpulse/db/seed';
import { paint } from '@stockpulse/devstack';
import { readRootEnv } from './env';
import { createLifecycle } from './lifecycle';
import { describeSeed, openServices, seedDatabase, seedIfEmpty } from './stack';

const color = process.stdout.isTTY === true;
const say = (line: string) => console.log(`${paint('[db]', 35, color)} ${line}`);
const lifecycle = createLifecycle(say);
const USAGE =
  'usage: db.ts migrate | setup | seed [--products N] [--orders N] [--customers N] [--days N] [--seed N]';

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'migrate' && command !== 'setup' && command !== 'seed') throw new Error(USAGE);
  if (command !== 'seed' && rest.length > 0) throw new Error(`${command} takes no flags\n${USAGE}`);
  const sizes = command === 'seed' ? parseSeedArgs(rest) : {};
  const env = readRootEnv();
  const services = await openServices(env, lifecycle, say);
  if (command === 'setup') await seedIfEmpty(services.databaseUrl, env, say);
  if (command === 'seed') {
    say('seeding…');
    say(describeSeed(await seedDatabase(services.databaseUrl, env, sizes)));
  }
}

main().then(
  () => lifecycle.exit(0),
  (error: Error) => lifecycle.exit(1, paint(`✗ ${error.message}`, 31, color)),
);

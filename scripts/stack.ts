import { join } from 'node:path';
import { hashPassword } from '@stockpulse/core';
import { migrate } from '@stockpulse/db';
import { isSeeded, type SeedSizes, type SeedSummary, seed } from '@stockpulse/db/seed';
import {
  findOrStartServices,
  REPO_ROOT,
  retryWhileBusy,
  type Services,
} from '@stockpulse/devstack';
import type { RootEnv } from './env';
import type { Lifecycle } from './lifecycle';

/** Private servers keep their data here (git-ignored), so it survives restarts. */
export const DATA_DIR = join(REPO_ROOT, '.data');

/**
 * Finds MySQL and Redis (or starts them) and migrates the database (unless told not to:
 * `npm run check` only reads); the services this started are stopped when the lifecycle exits.
 */
export async function openServices(
  env: RootEnv,
  lifecycle: Lifecycle,
  say: (line: string) => void,
  options: { migrate?: boolean } = {},
): Promise<Services> {
  const pending = findOrStartServices({
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    dataDir: DATA_DIR,
    log: say,
  });
  // Registered before it resolves: a Ctrl-C during start-up still stops what it started.
  // A seed under way finishes first (the demo seed takes a second or two), so an interrupted
  // start never leaves a half-seeded database that later runs would take for a seeded one.
  lifecycle.onExit(async () => {
    const services = await pending.catch(() => undefined);
    await seeding?.catch(() => {});
    await services?.stop();
  });
  const services = await pending;
  if (options.migrate === false) return services;
  const t0 = Date.now();
  // A full MySQL ("Too many connections") is waited out, saying so, not a failed start.
  await retryWhileBusy(
    'migrating the database',
    () => migrate(services.databaseUrl, { log: say }),
    {
      say,
    },
  );
  say(`database migrated (${Date.now() - t0} ms)`);
  return services;
}

/** The seed under way, if any. */
let seeding: Promise<SeedSummary> | undefined;

export function seedDatabase(
  databaseUrl: string,
  env: RootEnv,
  sizes: SeedSizes = {},
): Promise<SeedSummary> {
  seeding = seed(databaseUrl, {
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    hashPassword,
    progress: process.stdout.isTTY,
    ...sizes,
  });
  return seeding;
}

/** Seeds the database if it has no products yet; says what it did. */
export async function seedIfEmpty(
  databaseUrl: string,
  env: RootEnv,
  say: (line: string) => void,
): Promise<void> {
  if (await retryWhileBusy('reading the database', () => isSeeded(databaseUrl), { say })) return;
  say('the database is empty: seeding a demo shop…');
  say(describeSeed(await seedDatabase(databaseUrl, env)));
}

export function describeSeed(summary: SeedSummary): string {
  const { counts } = summary;
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`);
  return `seeded ${parts.join(', ')} in ${(summary.durationMs / 1000).toFixed(1)} s`;
}

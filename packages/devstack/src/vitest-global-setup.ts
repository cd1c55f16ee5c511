import './provided-context';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { testServiceUrls } from './env';
import { REPO_ROOT } from './paths';
import { deleteKeysWithPrefix } from './redis-keys';
import { findOrStartServices } from './services';
import { createTestDatabase, dropStaleTestDatabases } from './test-database';

/**
 * Once per `vitest run`: finds MySQL and Redis (or starts private ones in
 * .data/test-services), creates this run's own migrated database and Redis key prefix, and
 * at the end removes both and stops whatever it started.
 */
export default async function setup(project: TestProject) {
  const notes: string[] = [];
  const services = await findOrStartServices({
    ...testServiceUrls(),
    dataDir: join(REPO_ROOT, '.data', 'test-services'),
    log: (line) => notes.push(line),
  });
  if (services.started.mysql !== 'found' || services.started.redis !== 'found') {
    for (const line of notes) console.log(`[devstack] ${line}`);
  }
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  try {
    await dropStaleTestDatabases(services.databaseUrl);
    database = await createTestDatabase(services.databaseUrl);
  } catch (error) {
    await services.stop();
    throw error;
  }
  const redisPrefix = `sp-test-${randomBytes(4).toString('hex')}`;
  project.provide('databaseUrl', database.url);
  project.provide('redisUrl', services.redisUrl);
  project.provide('redisPrefix', redisPrefix);

  return async () => {
    try {
      await database.drop();
      await deleteKeysWithPrefix(services.redisUrl, redisPrefix);
    } finally {
      await services.stop();
    }
  };
}

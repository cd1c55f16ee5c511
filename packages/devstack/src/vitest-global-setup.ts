import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { createTestDatabase } from './test-database';
import { testServiceUrls } from './env';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's own freshly migrated database. */
    databaseUrl: string;
    redisUrl: string;
    /** Prefix for every Redis key (and BullMQ queue prefix) this run writes. */
    redisPrefix: string;
  }
}

export default async function setup(project: TestProject) {
  const { databaseUrl, redisUrl } = testServiceUrls();
  const database = await createTestDatabase(databaseUrl);
  project.provide('databaseUrl', database.url);
  project.provide('redisUrl', redisUrl);
  project.provide('redisPrefix', `sp-test-${randomBytes(4).toString('hex')}`);
  return async () => {
    await database.drop();
  };
}

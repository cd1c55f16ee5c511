import './provided-context';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { testServiceUrls } from './env';
import { createTestDatabase } from './test-database';

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

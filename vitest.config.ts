import { defineConfig } from 'vitest/config';

// One Vitest run for the whole workspace: a single global setup finds (or starts)
// MySQL and Redis, creates this run's own database and Redis prefix, and drops them
// at the end, so two runs at once never collide.
export default defineConfig({
  test: {
    include: ['{apps,packages}/*/src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    globalSetup: ['./packages/devstack/src/vitest-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Integration tests share MySQL and Redis; two workers keep a 2-core machine busy
    // without starving the database.
    maxWorkers: 2,
  },
});

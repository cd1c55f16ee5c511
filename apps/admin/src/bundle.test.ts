import { fileURLToPath } from 'node:url';
import { inspectBrowserBundle } from '@stockpulse/devstack/browser-bundle';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Gzipped JavaScript the first page load fetches (the entry and its static imports),
 * within its budget (docs/architecture.md "The fronts"). Views and charts are lazy chunks, counted separately below.
 */
const INITIAL_BUDGET_GZIP_BYTES = 300 * 1024;
/** Every chunk together (recharts is most of it); raise it deliberately, not by accident. */
const TOTAL_BUDGET_GZIP_BYTES = 400 * 1024;

describe('the admin bundle', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('holds no server code and stays within its size budgets', async () => {
    // Vitest runs with NODE_ENV=test, which would make this a development build.
    vi.stubEnv('NODE_ENV', 'production');
    const bundle = await inspectBrowserBundle(fileURLToPath(new URL('..', import.meta.url)));
    expect(bundle.modules.some((id) => id.includes('node_modules/react-dom/'))).toBe(true);
    expect(bundle.serverOnly).toEqual([]);
    expect(bundle.initialGzipBytes).toBeLessThan(INITIAL_BUDGET_GZIP_BYTES);
    expect(bundle.gzipBytes).toBeLessThan(TOTAL_BUDGET_GZIP_BYTES);
    console.info(
      `admin bundle: initial ${(bundle.initialGzipBytes / 1024).toFixed(1)} KB gzip, all ${(bundle.gzipBytes / 1024).toFixed(1)} KB`,
    );
  });
});

import { fileURLToPath } from 'node:url';
import { inspectBrowserBundle } from '@stockpulse/devstack/browser-bundle';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Gzipped JavaScript of the first page; raise it deliberately, not by accident. */
const BUDGET_GZIP_BYTES = 120 * 1024;

describe('the storefront bundle', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('holds no server code and stays within its size budget', async () => {
    // Vitest runs with NODE_ENV=test, which would make this a development build.
    vi.stubEnv('NODE_ENV', 'production');
    const bundle = await inspectBrowserBundle(fileURLToPath(new URL('..', import.meta.url)));
    expect(bundle.modules.some((id) => id.includes('node_modules/react-dom/'))).toBe(true);
    expect(bundle.serverOnly).toEqual([]);
    expect(bundle.gzipBytes).toBeLessThan(BUDGET_GZIP_BYTES);
  });
});

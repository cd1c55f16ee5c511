import { fileURLToPath } from 'node:url';
import { inspectBrowserBundle } from '@stockpulse/devstack/browser-bundle';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The home page's initial JavaScript (entry chunk and its static imports), gzipped.
 * Every other page is a lazy chunk; raise this deliberately, not by accident.
 */
const INITIAL_BUDGET_GZIP_BYTES = 150 * 1024;

describe('the storefront bundle', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('holds no server code and keeps the first page within its budget', async () => {
    // Vitest runs with NODE_ENV=test, which would make this a development build.
    vi.stubEnv('NODE_ENV', 'production');
    const bundle = await inspectBrowserBundle(fileURLToPath(new URL('..', import.meta.url)));
    expect(bundle.modules.some((id) => id.includes('node_modules/react-dom/'))).toBe(true);
    expect(bundle.serverOnly).toEqual([]);
    // react-router's production build (vite.config.ts points at it), not its dev build.
    expect(bundle.modules.some((id) => id.includes('react-router/dist/development/'))).toBe(false);
    expect(bundle.initialGzipBytes).toBeLessThanOrEqual(INITIAL_BUDGET_GZIP_BYTES);
  });
});

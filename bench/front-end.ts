/**
 * (6) of the throughput benchmark: the initial JS, gzipped, of the storefront and the admin — what the first
 * page load (the storefront home, the admin overview) fetches: the entry chunks and what
 * they import statically, from a production build in memory (`inspectBrowserBundle` of
 * @stockpulse/devstack, as apps/storefront/src/bundle.test.ts uses it). Other work rewrites
 * the fronts meanwhile: whatever is there is measured, and a front that fails to build is
 * reported, not fatal.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '@stockpulse/devstack';
import { withNodeEnv } from './env';

export interface FrontEndSize {
  app: string;
  initialGzipBytes: number;
  gzipBytes: number;
}

const FRONTS = [
  ['storefront', 'storefront home'],
  ['admin', 'admin overview'],
] as const;

export async function measureFrontEnd(
  log: (line: string) => void,
  failed: (what: string, error: unknown) => { skipped: string },
): Promise<FrontEndSize[] | { skipped: string }> {
  const { inspectBrowserBundle } = await import('@stockpulse/devstack/browser-bundle');
  const out: FrontEndSize[] = [];
  await withNodeEnv('production', async () => {
    for (const [app, page] of FRONTS) {
      try {
        log(`front end: building ${app}`);
        const bundle = await inspectBrowserBundle(join(REPO_ROOT, 'apps', app));
        out.push({
          app: page,
          initialGzipBytes: bundle.initialGzipBytes,
          gzipBytes: bundle.gzipBytes,
        });
      } catch (error) {
        failed(`front end ${app}`, error);
      }
    }
  });
  return out.length > 0 ? out : { skipped: 'no front built' };
}

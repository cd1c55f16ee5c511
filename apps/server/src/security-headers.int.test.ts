import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@stockpulse/devstack';
import { QUEUE_BOARD_PATH } from './queue-board';
import { type ServerOnRunDatabase, startServerOnRunDatabase } from './testing';

function fakeFront(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>${name}</title>`);
  return dir;
}

describe('security headers', () => {
  let root: string;
  let running: ServerOnRunDatabase;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sp-headers-'));
    const fronts = { storefront: fakeFront(root, 'storefront'), admin: fakeFront(root, 'admin') };
    running = await startServerOnRunDatabase(async () => {}, { fronts });
  });
  afterAll(async () => {
    await running.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (path: string) => fetch(`${running.server.url}${path}`);

  it('sends a CSP and the anti-sniffing, framing and referrer headers with every page', async () => {
    for (const path of ['/', '/products/42', '/admin', '/admin/orders/7']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('sends nosniff with API answers too', async () => {
    const response = await get('/trpc/catalog.categories');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('gives Bull Board the policy its page needs (its fonts), even when refusing', async () => {
    const response = await get(`${QUEUE_BOARD_PATH}/`);
    expect(response.status).toBe(401);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('https://fonts.googleapis.com');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).not.toContain(',');
  });
});

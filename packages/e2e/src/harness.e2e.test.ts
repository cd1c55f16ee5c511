import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot } from './browser';
import { e2eSuite } from './suite';

// The harness itself: the real stack answers with this run's production builds, and
// Debian's Chromium renders both fronts from it.
describe('the end-to-end harness', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite();

  it('serves both fronts, built for production, from the stack it started', async () => {
    const { page, context } = await openPage(browser(), stack());
    for (const path of ['/', '/admin']) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      const scripts = await page
        .locator('script[type="module"][src]')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('src')));
      // A production build references hashed assets, never Vite's dev client.
      expect(scripts.length).toBeGreaterThan(0);
      for (const src of scripts) expect(src).toMatch(/\/assets\/.+-[\w-]{8}\.js$/);
    }
    const path = await screenshot(page, 'harness', 'admin');
    expect(existsSync(path)).toBe(true);
    await context.close();
  });

  it('gives each context its own person: a sign-in in one is not seen by another', async () => {
    const first = await openPage(browser(), stack());
    const second = await openPage(browser(), stack());
    await first.page.goto('/');
    const login = await first.page.request.post('/trpc/auth.login', {
      data: { json: stack().customer },
    });
    expect(login.ok()).toBe(true);
    const me = async (page: typeof first.page) =>
      (
        (await (await page.request.get('/trpc/auth.me')).json()) as {
          result: { data: { json: unknown } };
        }
      ).result.data.json;
    expect(await me(first.page)).toMatchObject({ email: stack().customer.email, role: 'customer' });
    await second.page.goto('/');
    expect(await me(second.page)).toBeNull();
    await Promise.all([first.context.close(), second.context.close()]);
  });
});

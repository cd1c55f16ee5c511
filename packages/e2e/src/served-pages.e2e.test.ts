import { request as httpRequest } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot } from './browser';
import { e2eSuite } from './suite';

/** Chromium's console line for a refusal names the policy; the event catches the rest. */
const CSP_MESSAGE = /Content Security Policy/i;

async function reportViolationsToConsole(page: Page) {
  // An init script runs outside the page's CSP, so it can always report.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI}`,
      );
    });
  });
}

function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

// The production builds as the server sends them: under its security headers (the policy
// must let every page work, its scripts, styles, pictures and live socket, and refuse
// nothing it needs), compressed, and showing something before their script runs.
describe('the pages as served', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite();

  it('shows the storefront, the admin overview and the queue board with no CSP refusal', async () => {
    const { page, context, consoleErrors } = await openPage(browser(), stack());
    await reportViolationsToConsole(page);
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));

    const home = await page.goto('/');
    expect(home?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.product-card img').first().waitFor();
    // The socket is up: Socket.IO's websocket passed connect-src.
    await page.locator('.live-indicator.live-live').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');

    const login = await page.request.post('/trpc/auth.login', { data: { json: stack().admin } });
    expect(login.ok()).toBe(true);
    const overview = await page.goto('/admin');
    expect(overview?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('heading', { name: 'Live orders', exact: true }).first().waitFor();
    await page.waitForLoadState('networkidle');

    const board = await page.goto('/admin/queues/board');
    expect(board?.status()).toBe(200);
    expect(board?.headers()['content-security-policy']).toContain('fonts.googleapis.com');
    await page.getByText('orders', { exact: true }).first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');

    expect(messages.filter((text) => CSP_MESSAGE.test(text))).toEqual([]);
    expect(consoleErrors.filter((text) => CSP_MESSAGE.test(text))).toEqual([]);
    await context.close();
  });

  it('sends the storefront’s main script brotli-compressed when asked, the same script', async () => {
    const html = await (await fetch(`${stack().url}/`)).text();
    const src = /<script type="module"[^>]* src="([^"]+)"/.exec(html)?.[1];
    expect(src).toMatch(/^\/assets\/index-[\w-]{8}\.js$/);
    const plain = await rawGet(`${stack().url}${src}`, {});
    const brotli = await rawGet(`${stack().url}${src}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    // The whole point: a fraction over the wire.
    expect(brotli.body.length).toBeLessThan(plain.body.length / 3);
  });

  it('shows the storefront’s styled shell with a loading state before any script runs', async () => {
    const context = await browser().newContext({ baseURL: stack().url, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    const brand = page.getByRole('link', { name: 'Stockpulse' });
    await brand.waitFor();
    await page.getByRole('status').filter({ hasText: 'Loading the shop' }).waitFor();
    // Styled by the build's stylesheet, not the browser's defaults.
    expect(await page.locator('.site-header').evaluate((el) => getComputedStyle(el).position)).toBe(
      'sticky',
    );
    expect(await brand.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('none');
    expect(await page.locator('.skeleton').count()).toBeGreaterThan(0);
    await screenshot(page, 'storefront', 'shell-before-script');
    await context.close();
  });
});

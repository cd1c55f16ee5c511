import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@stockpulse/devstack';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { e2eEnv } from './env';
import type { Stack } from './stack';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  /** An operator's wide screen (1440 px: what staff use, so the admin's screenshots are taken at it). */
  wide: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export const SCREENSHOT_DIR = join(REPO_ROOT, 'artifacts', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: e2eEnv.CHROMIUM_PATH, args: FLAGS });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Every console error and uncaught page error so far: a clean page leaves it empty. */
  consoleErrors: string[];
}

/**
 * A fresh browser context (its own cookies and local storage: one person) with a page on
 * the stack's origin, collecting console errors and uncaught exceptions.
 */
export async function openPage(
  browser: Browser,
  stack: Pick<Stack, 'url'>,
  options: { viewport?: ViewportName } = {},
): Promise<OpenedPage> {
  const viewport = VIEWPORTS[options.viewport ?? 'desktop'];
  const context = await browser.newContext({
    baseURL: stack.url,
    viewport,
    isMobile: options.viewport === 'phone',
    hasTouch: options.viewport === 'phone',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  return { context, page, consoleErrors };
}

/**
 * Console errors other than Chromium's own log line for an HTTP refusal the test provoked
 * on purpose (e.g. the 409 of an OUT_OF_STOCK order): the page handled it; Chromium
 * reports every failed request regardless.
 */
export function unexpectedErrors(errors: readonly string[], expectedStatuses: number[]) {
  return errors.filter(
    (text) =>
      !expectedStatuses.some((status) =>
        text.startsWith(`Failed to load resource: the server responded with a status of ${status}`),
      ),
  );
}

/**
 * Saves a full-page screenshot as `artifacts/screenshots/<app>/<name>-<viewport>.png`
 * (the viewport named from the page's width) and returns its path.
 */
export async function screenshot(page: Page, app: string, name: string): Promise<string> {
  const width = page.viewportSize()?.width ?? VIEWPORTS.desktop.width;
  const viewport =
    (Object.entries(VIEWPORTS) as [ViewportName, { width: number }][]).find(
      ([, size]) => size.width === width,
    )?.[0] ?? `${width}px`;
  const dir = join(SCREENSHOT_DIR, app);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${viewport}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

import { e2eSuite, openPage, screenshot, seriousA11yViolations } from '@stockpulse/e2e';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../testing/e2e';

/** What does not fit: page-wide horizontal overflow, and figures cut inside their card. */
const overflow = (page: Page) =>
  page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    // What sticks out (for the failure message).
    wide: [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((element) => !element.parentElement?.closest('.table-wrap'))
      .slice(0, 3)
      .map((element) => `${element.tagName}.${element.className}`),
    cutFigures: [...document.querySelectorAll<HTMLElement>('.kpi-value, .kpi-label')]
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .map((element) => element.textContent),
  }));

/** The folded sidebar's height: it must not stretch to fill a short view's page. */
const topBarHeight = (page: Page) =>
  page.locator('aside.sidebar').evaluate((bar) => bar.getBoundingClientRect().height);

const nav = (page: Page) => page.getByRole('navigation', { name: 'Console' });

/** The first row's restock button lies inside the window, without scrolling sideways. */
const actionInReach = (page: Page) =>
  page
    .locator('tr[data-product-id] button[aria-label^="Restock "]')
    .first()
    .evaluate((button) => {
      const box = button.getBoundingClientRect();
      return box.left >= 0 && box.right <= window.innerWidth && box.width > 0;
    });

describe('the console on a phone, a tablet and a laptop', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite({ seed: { products: 12, orders: 10 } });

  for (const [name, width] of [
    ['phone', 390],
    ['tablet', 820],
  ] as const) {
    it(`folds the navigation into a menu and keeps every figure and action in reach (${name})`, async () => {
      const { page, context, consoleErrors } = await openPage(browser(), stack(), {
        viewport: name === 'phone' ? 'phone' : 'desktop',
      });
      await page.setViewportSize({ width, height: name === 'phone' ? 844 : 1180 });
      await openConsole(page, stack());
      expect(await overflow(page)).toEqual({ page: 0, wide: [], cutFigures: [] });
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'admin', `overview-${name}`);

      const menu = page.getByRole('button', { name: 'Menu' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await nav(page).getByRole('link', { name: 'Inventory' }).isVisible()).toBe(false);
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await screenshot(page, 'admin', `menu-${name}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await nav(page).getByRole('link', { name: 'Inventory' }).click();
      await page.getByRole('heading', { name: 'Inventory', exact: true }).waitFor();
      // A new view closes the menu.
      expect(await menu.getAttribute('aria-expanded')).toBe('false');

      await page.locator('tr[data-product-id]').first().waitFor();
      expect(await overflow(page)).toEqual({ page: 0, wide: [], cutFigures: [] });
      expect(await actionInReach(page)).toBe(true);
      await page.waitForLoadState('networkidle');
      await screenshot(page, 'admin', `inventory-${name}`);
      await page.locator('tr[data-product-id] button[aria-label^="Restock "]').first().click();
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');

      for (const path of ['/admin/orders', '/admin/sales', '/admin/queues']) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        expect((await overflow(page)).page, path).toBe(0);
        // Closed, the menu is one bar, however short the view below it.
        expect(await topBarHeight(page), path).toBeLessThanOrEqual(72);
      }
      await screenshot(page, 'admin', `queues-${name}`);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }

  it('keeps the sidebar open on a laptop, with no menu button', async () => {
    const { page, context } = await openPage(browser(), stack(), { viewport: 'wide' });
    await openConsole(page, stack());
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await nav(page).getByRole('link', { name: 'Inventory' }).isVisible()).toBe(true);
    expect(await overflow(page)).toEqual({ page: 0, wide: [], cutFigures: [] });
    await context.close();
  });
});

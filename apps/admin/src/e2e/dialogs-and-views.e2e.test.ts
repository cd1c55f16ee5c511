import { e2eSuite, openPage, screenshot, seriousA11yViolations } from '@stockpulse/e2e';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../testing/e2e';

/** Where the keyboard is: inside the open dialog (and on which control), or not. */
const focus = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return {
      inDialog: !!active?.closest('[role="dialog"]'),
      tag: active?.tagName.toLowerCase(),
      invalid: active?.getAttribute('aria-invalid') === 'true',
    };
  });

describe('console dialogs and views when something fails', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite({ seed: { products: 12, orders: 10 } });

  it('keeps focus in a dialog after a refused submit; Escape and the backdrop still close it', async () => {
    const name = `Focus lamp ${Math.random().toString(36).slice(2, 7)}`;
    await stack().world.addProduct({ onHand: 5, name });
    const { page, context, consoleErrors } = await openPage(browser(), stack(), {
      viewport: 'wide',
    });
    await openConsole(page, stack());
    await page.goto('/admin/inventory');
    await page.getByRole('searchbox', { name: 'Search products' }).fill(name);
    const opener = page.getByRole('button', { name: `Adjust stock of ${name}` });

    const refusedAdjust = async () => {
      await opener.click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByLabel('Change (units, negative to remove)').fill('-999999');
      await dialog.getByLabel('Reason (kept on the ledger)').fill('stocktake');
      await dialog.getByRole('button', { name: 'Adjust' }).click();
      await dialog.locator('.field-error').waitFor();
      return dialog;
    };

    const dialog = await refusedAdjust();
    // The refusal is about the change: the keyboard is on that field, not on <body>.
    expect(await focus(page)).toEqual({ inDialog: true, tag: 'input', invalid: true });
    await screenshot(page, 'admin', 'dialog-refused');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Back where it was opened from.
    expect(await opener.evaluate((button) => button === document.activeElement)).toBe(true);

    const again = await refusedAdjust();
    await page.mouse.click(8, 8); // the backdrop, outside the dialog
    await again.waitFor({ state: 'detached' });
    expect(consoleErrors.filter((text) => !text.includes('status of 409'))).toEqual([]);
    await context.close();
  });

  for (const viewport of ['phone', 'wide'] as const) {
    it(`shows a view whose chunk did not load inside the shell, with a reload that recovers (${viewport})`, async () => {
      const { page, context } = await openPage(browser(), stack(), { viewport });
      await openConsole(page, stack());
      // The Queues view's chunk is gone (a deploy) or the network drops while it loads.
      const lost = /\/admin\/assets\/QueuesPage-[\w-]+\.js$/;
      await page.route(lost, (route) => route.abort('internetdisconnected'));
      // On a phone the navigation is folded into the menu.
      const menu = page.getByRole('button', { name: 'Menu' });
      if (await menu.isVisible()) await menu.click();
      await page.getByRole('link', { name: 'Queues' }).click();

      const alert = page.getByRole('alert');
      await alert.getByRole('heading', { name: 'This view could not be loaded' }).waitFor();
      expect(await page.getByText('dynamically imported module').count()).toBe(0);
      // The shell stays: its navigation (folded into the menu on a phone) still works.
      expect(await page.locator('nav[aria-label="Console"]').count()).toBe(1);
      if (await menu.isVisible()) await menu.click();
      expect(await page.getByRole('link', { name: 'Overview', exact: true }).isVisible()).toBe(
        true,
      );
      if (await menu.isVisible()) await menu.click();
      await screenshot(page, 'admin', 'view-chunk-failed');
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The network is back: Reload fetches the view.
      await page.unroute(lost);
      await alert.getByRole('button', { name: 'Reload' }).click();
      await page.getByRole('heading', { name: 'Jobs by state' }).waitFor({ timeout: 20_000 });
      expect(new URL(page.url()).pathname).toBe('/admin/queues');
      await context.close();
    });
  }
});

import { e2eSuite, openPage, screenshot, type ViewportName } from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import { addNamedProduct, soon } from '../testing/e2e';

describe('a storefront that loses its live connection', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite();

  for (const viewport of ['phone', 'wide'] as ViewportName[]) {
    it(`says live stock is paused while offline and clears it on reconnect (${viewport})`, async () => {
      const product = await addNamedProduct(stack(), 'Beacon', { onHand: 5 });
      const { page, context } = await openPage(browser(), stack(), { viewport });
      await page.goto(`/?q=${encodeURIComponent(product.name)}`);
      await page.locator(`[data-product-id="${product.id}"]`).waitFor();
      await page.locator('.live-indicator.live-live').waitFor();
      const banner = page.getByTestId('live-paused');
      expect(await banner.count()).toBe(0);

      // The browser's "offline" event closes the socket (engine.io listens for it).
      await context.setOffline(true);
      await soon(() => banner.textContent()).toMatch(/Live stock is paused/);
      expect(await page.locator('html').getAttribute('data-live-paused')).toBe('');
      await screenshot(page, 'storefront', 'live-paused');

      await context.setOffline(false);
      await page.locator('.live-indicator.live-live').waitFor({ timeout: 20_000 });
      await soon(() => banner.count()).toBe(0);
      expect(await page.locator('html').getAttribute('data-live-paused')).toBeNull();
      await context.close();
    });
  }
});

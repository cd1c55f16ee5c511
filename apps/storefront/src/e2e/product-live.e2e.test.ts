import { e2eSuite, openPage, screenshot, type ViewportName } from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import { addNamedProduct, callApi, soon } from '../testing/e2e';

describe('an open product page follows the admin', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite();

  for (const viewport of ['phone', 'wide'] as ViewportName[]) {
    it(`shows a new price and then "no longer available" without a reload (${viewport})`, async () => {
      const product = await addNamedProduct(stack(), 'Teapot', { onHand: 6, priceCents: 2_450 });
      const staff = await openPage(browser(), stack());
      await callApi(staff.page, 'auth.login', stack().admin);

      const shopper = await openPage(browser(), stack(), { viewport });
      const { page } = shopper;
      await page.goto(`/products/${product.id}`);
      await soon(() => page.locator('.product-price').textContent()).toBe('$24.50');
      await page.locator('.live-indicator.live-live').waitFor();
      // A catalog card in a second tab of the same shopper follows too.
      const catalog = await shopper.context.newPage();
      await catalog.goto(`/?q=${encodeURIComponent(product.name)}`);
      const card = catalog.locator(`[data-product-id="${product.id}"]`);
      await soon(() => card.locator('.price').textContent()).toBe('$24.50');
      await catalog.locator('.live-indicator.live-live').waitFor();
      let reloads = 0;
      page.on('load', () => {
        reloads += 1;
      });

      await callApi(staff.page, 'admin.products.update', {
        id: product.id,
        priceCents: 1_999,
        name: `${product.name} deluxe`,
      });
      await soon(() => page.locator('.product-price').textContent()).toBe('$19.99');
      await soon(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(
        `${product.name} deluxe`,
      );
      await soon(() => card.locator('.price').textContent()).toBe('$19.99');
      await screenshot(page, 'storefront', 'product-live-price');

      await callApi(staff.page, 'admin.products.archive', { id: product.id });
      await soon(() => page.locator('.product-archived').textContent()).toMatch(
        /no longer available/,
      );
      expect(await page.getByRole('button', { name: /No longer sold/ }).isDisabled()).toBe(true);
      // The catalog refetches and the card leaves it.
      await soon(() => card.count()).toBe(0);
      expect(reloads).toBe(0);
      await screenshot(page, 'storefront', 'product-archived-live');
      expect(shopper.consoleErrors).toEqual([]);
      await Promise.all([shopper.context.close(), staff.context.close()]);
    });
  }
});

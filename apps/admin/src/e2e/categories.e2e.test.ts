import { e2eSuite, openPage, screenshot, seriousA11yViolations } from '@stockpulse/e2e';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../testing/e2e';

/** The categories the product form's picker offers (the placeholder left out), trimmed. */
const offered = (page: Page) =>
  page
    .getByLabel('Category', { exact: true })
    .locator('option:not([disabled])')
    .evaluateAll((options) => options.map((option) => (option.textContent ?? '').trim()));

async function fillProduct(page: Page, name: string, sku: string) {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('SKU', { exact: true }).fill(sku);
  await page.getByLabel('Price (USD)').fill('12.50');
}

describe('managed categories', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite({ seed: { products: 12, orders: 5 } });

  for (const viewport of ['phone', 'wide'] as const) {
    it(`are created on the Categories page and picked on the product form (${viewport})`, async () => {
      const { page, context, consoleErrors } = await openPage(browser(), stack(), { viewport });
      await openConsole(page, stack());

      // The seeded hierarchy: children right under their parents.
      await page.goto('/admin/categories');
      await page.getByRole('heading', { name: 'Categories' }).waitFor();
      await page.getByText('Home & Living', { exact: true }).waitFor();

      // A new subcategory of a seeded parent.
      const fresh = `Garden tools ${viewport}`;
      await page.getByRole('button', { name: 'New category' }).click();
      await page.getByLabel('Name', { exact: true }).fill(fresh);
      await page.getByLabel('Parent').selectOption({ label: 'Sports & Outdoors' });
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Create category' }).click();
      await page.getByText(`Sports & Outdoors › ${fresh} created`).waitFor();
      await screenshot(page, 'admin', 'categories');

      // Picked on the product form, never typed.
      await page.goto('/admin/products/new');
      await expect.poll(async () => (await offered(page)).includes(fresh)).toBe(true);
      await fillProduct(page, `Rake ${viewport}`, `RAKE-${viewport}`);
      const picker = page.getByLabel('Category', { exact: true });
      const value = await picker.locator('option', { hasText: fresh }).getAttribute('value');
      await picker.selectOption(value!);
      await page.getByRole('button', { name: 'Create product' }).click();
      await page.getByRole('heading', { name: `Rake ${viewport}` }).waitFor();

      // Archived: no longer offered for products.
      await page.goto('/admin/categories');
      await page.getByRole('button', { name: `Archive ${fresh}` }).click();
      await page.getByRole('button', { name: `Unarchive ${fresh}` }).waitFor();
      await page.goto('/admin/products/new');
      await page.getByLabel('Category', { exact: true }).waitFor();
      await expect.poll(async () => (await offered(page)).length).toBeGreaterThan(1);
      expect(await offered(page)).not.toContain(fresh);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});

import { e2eSuite, openPage, screenshot, seriousA11yViolations } from '@stockpulse/e2e';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../testing/e2e';

/** The categories the picker offers (the placeholder and "New category…" left out). */
const offered = (page: Page) =>
  page
    .getByLabel('Category', { exact: true })
    .locator('option:not([disabled])')
    .evaluateAll((options) =>
      options.map((option) => option.textContent ?? '').filter((text) => text !== 'New category…'),
    );

async function fillProduct(page: Page, name: string, sku: string) {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('SKU', { exact: true }).fill(sku);
  await page.getByLabel('Price (USD)').fill('12.50');
}

describe('the product form’s category', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite({ seed: { products: 12, orders: 5 } });

  for (const viewport of ['phone', 'wide'] as const) {
    it(`is picked from the categories in use; a new one is explicit (${viewport})`, async () => {
      const { page, context, consoleErrors } = await openPage(browser(), stack(), { viewport });
      await openConsole(page, stack());
      const answer = await page.request.get('/trpc/admin.products.categories');
      const inUse = (
        (await answer.json()) as { result: { data: { json: { category: string }[] } } }
      ).result.data.json.map((c) => c.category);
      expect(inUse.length).toBeGreaterThan(1);

      // An existing category: chosen, never retyped.
      await page.goto('/admin/products/new');
      await page.getByLabel('Category', { exact: true }).waitFor();
      await expect.poll(() => offered(page)).toEqual(inUse);
      expect(await page.getByLabel('New category name').count()).toBe(0);
      await fillProduct(page, `Picked ${viewport}`, `PICK-${viewport}`);
      await page.getByLabel('Category', { exact: true }).selectOption(inUse[1]!);
      await page.getByRole('button', { name: 'Create product' }).click();
      await page.getByRole('heading', { name: `Picked ${viewport}` }).waitFor();
      expect(await page.getByLabel('Category', { exact: true }).inputValue()).toBe(inUse[1]);

      // A name typed under "New category…" that exists in another case is that category.
      await page.goto('/admin/products/new');
      await page.getByLabel('Category', { exact: true }).selectOption({ label: 'New category…' });
      const newName = page.getByLabel('New category name');
      await newName.fill(` ${inUse[0]!.toUpperCase()}`);
      await page.getByText(`${inUse[0]} already exists: the product goes there`).waitFor();
      await newName.blur();
      await newName.waitFor({ state: 'detached' });
      expect(await page.getByLabel('Category', { exact: true }).inputValue()).toBe(inUse[0]);

      // A really new category, named on purpose; the picker offers it from then on.
      const fresh = `Garden tools ${viewport}`;
      await page.getByLabel('Category', { exact: true }).selectOption({ label: 'New category…' });
      await page.getByLabel('New category name').fill(fresh);
      await fillProduct(page, `New ${viewport}`, `NEW-${viewport}`);
      await screenshot(page, 'admin', 'product-new-category');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Create product' }).click();
      await page.getByRole('heading', { name: `New ${viewport}` }).waitFor();
      expect(await page.getByLabel('Category', { exact: true }).inputValue()).toBe(fresh);
      await page.goto('/admin/products/new');
      await expect.poll(async () => (await offered(page)).includes(fresh)).toBe(true);
      await page.getByLabel('Category', { exact: true }).selectOption(fresh);
      await screenshot(page, 'admin', 'product-category-picker');
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});

import { e2eSuite, openPage, screenshot, seriousA11yViolations } from '@stockpulse/e2e';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../testing/e2e';

const soon = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 15_000, interval: 200 });

/** A stock row's figures as the inventory table shows them. */
async function figures(row: Locator) {
  // The unavailable figure is its breakdown's summary (the closed list is in the DOM too).
  const cell = (col: string) =>
    row
      .locator(`[data-col="${col}"]`)
      .evaluate((td) => (td.querySelector('summary') ?? td).textContent?.trim() ?? '');
  return {
    onHand: await cell('onHand'),
    reserved: await cell('reserved'),
    available: await cell('available'),
    incoming: await cell('incoming'),
    unavailable: await cell('unavailable'),
  };
}

const stockRow = (page: Page, variantId: string, locationId: string) =>
  page.locator(`tr[data-variant-id="${variantId}"][data-location-id="${locationId}"]`);

describe('variants, locations and transfers in the console', { timeout: 180_000 }, () => {
  const { stack, browser } = e2eSuite({ seed: { products: 8, orders: 5 } });

  it('creates a location and a product with options, moves stock to damaged, and transfers it', async () => {
    const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
    const { page, context, consoleErrors } = await openPage(browser(), stack(), {
      viewport: 'wide',
    });
    await openConsole(page, stack());

    // A new location, through the form.
    await page.goto('/admin/locations');
    await page.getByRole('button', { name: 'New location' }).click();
    const locationForm = page.getByRole('dialog', { name: 'New location' });
    await locationForm.getByLabel('Name').fill(`East store ${tag}`);
    await locationForm.getByLabel('Code').fill(`EAST-${tag}`);
    await locationForm.getByLabel('Country').fill('CA');
    await locationForm.getByLabel('Priority').fill('50');
    await locationForm.getByRole('button', { name: 'Create location' }).click();
    await locationForm.waitFor({ state: 'detached' });
    const eastRow = page.locator('tr[data-location-id]', { hasText: `EAST-${tag}` });
    await eastRow.waitFor();
    const east = (await eastRow.getAttribute('data-location-id'))!;
    const mainRow = page.locator('tr[data-location-id="1"]');
    const mainName = ((await mainRow.locator('.strong').textContent()) ?? '').trim();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'admin', 'variants-locations');
    expect(await seriousA11yViolations(page), 'locations').toEqual([]);

    // A product with a Size option: two variants, opening stock at two locations.
    await page.goto('/admin/products/new');
    await page.getByLabel('Name', { exact: true }).fill(`Tag tee ${tag}`);
    await page.getByLabel('SKU', { exact: true }).fill(`TEE-${tag}`);
    const category = page.getByLabel('Category', { exact: true });
    // The categories in use, once loaded (the placeholder and "New category…" are always there).
    await soon(() => category.locator('option').count()).toBeGreaterThan(2);
    await category.selectOption({ index: 1 });
    await page.getByLabel('Price (USD)').fill('12.00');
    await page.getByRole('button', { name: 'Add option' }).click();
    await page.getByLabel('Option 1 name').fill('Size');
    await page.getByLabel('Option 1 values').fill('S, M');
    const grid = page.getByRole('table', { name: 'Variants' });
    await grid.locator('tr[data-variant="M"]').waitFor();
    expect(await page.getByLabel('Opening stock', { exact: true }).count()).toBe(0);
    await page.getByLabel(`Opening stock of S at ${mainName}`).fill('5');
    await page.getByLabel(`Opening stock of S at East store ${tag}`).fill('3');
    await page.getByLabel(`Opening stock of M at ${mainName}`).fill('4');
    await page.getByLabel('Price of M').fill('14.00');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'admin', 'variants-product-new');
    expect(await seriousA11yViolations(page), 'product form').toEqual([]);
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { name: `Tag tee ${tag}` }).waitFor();
    const productId = page.url().split('/').at(-1)!;

    // The edit page lists the variants with their own prices.
    const variants = page.locator('section[aria-labelledby="variants-title"]');
    await variants.getByLabel('Price of M').waitFor();
    expect(await variants.getByLabel('Price of M').inputValue()).toBe('14.00');
    expect(await variants.getByLabel('Price of S').inputValue()).toBe('12.00');
    await screenshot(page, 'admin', 'variants-product-edit');

    // The inventory, one location at a time: the opening stock where it was put.
    await page.goto(`/admin/inventory?location=${east}`);
    await page.getByRole('searchbox', { name: 'Search products' }).fill(`TEE-${tag}`);
    const rowsAtEast = page.locator(`tr[data-product-id="${productId}"]`);
    await soon(() => rowsAtEast.count()).toBe(2);
    expect(await page.getByLabel('Location').inputValue()).toBe(east);
    const sId = (await rowsAtEast.first().getAttribute('data-variant-id'))!;
    expect(await figures(stockRow(page, sId, east))).toEqual({
      onHand: '3',
      reserved: '0',
      available: '3',
      incoming: '0',
      unavailable: '0',
    });
    await page.getByLabel('Location').selectOption({ label: 'All locations' });
    await soon(() => page.locator(`tr[data-product-id="${productId}"]`).count()).toBeGreaterThan(3);
    expect(new URL(page.url()).searchParams.has('location')).toBe(false);

    // Two units of S at the main warehouse are damaged.
    const sMain = stockRow(page, sId, '1');
    await sMain.getByRole('button', { name: /^Move stock of / }).click();
    const move = page.getByRole('dialog');
    await move.getByLabel('From', { exact: true }).selectOption('available');
    await move.getByLabel('To', { exact: true }).selectOption('damaged');
    await move.getByLabel('Quantity').fill('9');
    await move.getByLabel('Reason (kept on the ledger)').fill('dropped in the e2e');
    await move.getByRole('button', { name: 'Move' }).click();
    // Refused first (only 5 available), the message at the quantity.
    await move.getByText('Only 5 units are available here: move at most 5.').waitFor();
    await screenshot(page, 'admin', 'variants-move-refused');
    await move.getByLabel('Quantity').fill('2');
    await move.getByRole('button', { name: 'Move' }).click();
    await move.waitFor({ state: 'detached' });
    await soon(() => figures(sMain)).toEqual({
      onHand: '5',
      reserved: '0',
      available: '3',
      incoming: '0',
      unavailable: '2',
    });
    await sMain.locator('[data-col="unavailable"] summary').click();
    expect(await sMain.locator('.breakdown-list').textContent()).toContain('Damaged2');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'admin', 'variants-inventory');
    expect(await seriousA11yViolations(page), 'inventory').toEqual([]);

    // A transfer of 2 × S from the main warehouse to the new store, followed on a phone.
    const phone = await openPage(browser(), stack(), { viewport: 'phone' });
    await openConsole(phone.page, stack());
    await phone.page.goto('/admin/transfers');
    await phone.page.getByRole('heading', { name: 'Transfers' }).waitFor();

    await page.goto('/admin/transfers');
    await page.getByRole('button', { name: 'New transfer' }).click();
    const draft = page.getByRole('dialog', { name: 'New transfer' });
    await draft.getByLabel('From', { exact: true }).selectOption('1');
    await draft.getByLabel('To', { exact: true }).selectOption(east);
    await draft.getByRole('searchbox', { name: 'Find a variant to add' }).fill(`TEE-${tag}-S`);
    await draft.getByRole('button', { name: `Add TEE-${tag}-S` }).click();
    await draft.getByLabel(`Quantity of TEE-${tag}-S`).fill('2');
    await screenshot(page, 'admin', 'variants-transfer-new');
    await draft.getByRole('button', { name: 'Create draft' }).click();
    await draft.waitFor({ state: 'detached' });
    await page.locator('tr[data-transfer-id][data-status="draft"]').first().waitFor();
    const transferId = (await page
      .locator('tr[data-transfer-id]')
      .first()
      .getAttribute('data-transfer-id'))!;
    const transferRow = page.locator(`tr[data-transfer-id="${transferId}"]`);
    const onPhone = phone.page.locator(`tr[data-transfer-id="${transferId}"]`);
    await onPhone.waitFor(); // live: the phone did nothing

    await page.getByRole('button', { name: `Ship transfer #${transferId}` }).click();
    await soon(() => onPhone.getAttribute('data-status')).toBe('in_transit');
    expect(await transferRow.getAttribute('data-status')).toBe('in_transit');
    await phone.page.waitForLoadState('networkidle');
    await screenshot(phone.page, 'admin', 'variants-transfers');

    // In transit: gone from the source, incoming at the destination.
    await page.goto('/admin/inventory');
    await page.getByRole('searchbox', { name: 'Search products' }).fill(`TEE-${tag}`);
    await soon(() => figures(stockRow(page, sId, '1'))).toMatchObject({
      onHand: '3',
      available: '1',
      unavailable: '2',
    });
    expect(await figures(stockRow(page, sId, east))).toMatchObject({
      onHand: '3',
      incoming: '2',
    });

    await page.goto('/admin/transfers');
    await page.getByRole('button', { name: `Receive transfer #${transferId}` }).click();
    await soon(() => onPhone.getAttribute('data-status')).toBe('received');
    expect(await onPhone.getByRole('button').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'admin', 'variants-transfers');
    expect(await seriousA11yViolations(page), 'transfers').toEqual([]);

    // Received: on hand at the destination, nothing incoming; the source as it was left.
    await page.goto('/admin/inventory');
    await page.getByRole('searchbox', { name: 'Search products' }).fill(`TEE-${tag}`);
    await soon(() => figures(stockRow(page, sId, east))).toEqual({
      onHand: '5',
      reserved: '0',
      available: '5',
      incoming: '0',
      unavailable: '0',
    });
    expect(await figures(stockRow(page, sId, '1'))).toEqual({
      onHand: '3',
      reserved: '0',
      available: '1',
      incoming: '0',
      unavailable: '2',
    });

    // The product's own page: every row, and the picked row's ledger with the transfer.
    await page.goto(`/admin/inventory/${productId}`);
    await page.getByRole('heading', { name: `Tag tee ${tag}` }).waitFor();
    await page
      .getByRole('button', { name: `Pick Tag tee ${tag} (S) at East store ${tag}` })
      .click();
    await page
      .locator('section[aria-labelledby="ledger-title"]')
      .getByText('Transfer receive')
      .waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'admin', 'variants-product-stock');
    expect(await seriousA11yViolations(page), 'product stock').toEqual([]);

    // The new location holds stock now: archiving it is refused, and says why.
    await page.goto('/admin/locations');
    await page.getByRole('button', { name: `Archive East store ${tag}` }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('button', { name: 'Archive' }).click();
    await confirm.getByRole('alert').getByText('cannot be archived yet').waitFor();
    await screenshot(page, 'admin', 'variants-archive-refused');
    await page.keyboard.press('Escape');

    // The phone's views of the same.
    for (const [path, name] of [
      [`/admin/inventory?location=${east}`, 'variants-inventory'],
      [`/admin/inventory/${productId}`, 'variants-product-stock'],
      ['/admin/locations', 'variants-locations'],
      ['/admin/products/new', 'variants-product-new'],
    ] as const) {
      await phone.page.goto(path);
      if (name === 'variants-inventory') {
        await phone.page.getByRole('searchbox', { name: 'Search products' }).fill(`TEE-${tag}`);
        await phone.page.locator(`tr[data-product-id="${productId}"]`).first().waitFor();
      }
      if (name === 'variants-product-new') {
        await phone.page.getByRole('button', { name: 'Add option' }).click();
        await phone.page.getByLabel('Option 1 name').fill('Size');
        await phone.page.getByLabel('Option 1 values').fill('S, M, L');
      }
      await phone.page.waitForLoadState('networkidle');
      const overflow = await phone.page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, path).toBe(0);
      await screenshot(phone.page, 'admin', name);
    }

    // Chromium logs the refused move and archive (409) itself; nothing else may appear.
    expect(consoleErrors.filter((text) => !text.includes('status of 409'))).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
    await Promise.all([context.close(), phone.context.close()]);
  });
});

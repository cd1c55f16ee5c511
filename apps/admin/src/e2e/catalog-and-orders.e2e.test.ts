import { e2eSuite, openPage, screenshot, seriousA11yViolations } from '@stockpulse/e2e';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConsole, placeOrder, registerCustomer } from '../testing/e2e';

describe('orders table and product editing', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite();

  const orderIds = (page: Page) =>
    page
      .locator('tbody tr[data-order-id]')
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-order-id'))));

  it('filters by status, searches and sorts the orders, keeping it all in the URL', async () => {
    const { page, context, consoleErrors } = await openPage(browser(), stack());
    await openConsole(page, stack());
    await page.getByRole('link', { name: 'Orders' }).first().click();
    await page.locator('tbody tr[data-order-id]').first().waitFor();
    const newest = await orderIds(page);
    expect(newest).toHaveLength(25);
    expect(newest).toEqual([...newest].sort((a, b) => b - a));

    // A filter's name is its status and how many orders it holds ("Cancelled 5").
    await page.getByRole('button', { name: /^Cancelled \d[\d,]*$/ }).click();
    await page.waitForURL(/status=cancelled/);
    const pills = () => page.locator('tbody .pill').allTextContents();
    await expect.poll(async () => [...new Set(await pills())]).toEqual(['Cancelled']);

    await page.getByRole('button', { name: /^All \d[\d,]*$/ }).click();
    await page.getByRole('button', { name: 'Total' }).click();
    await page.waitForURL(/sort=total_desc/);
    const totals = () =>
      page
        .locator('tbody tr td:nth-child(5)')
        .evaluateAll((cells) =>
          cells.map((cell) => Number(cell.textContent?.replace(/[$,]/g, ''))),
        );
    await expect
      .poll(async () => {
        const shown = await totals();
        return shown.length === 25 && shown.every((t, i) => i === 0 || shown[i - 1]! >= t);
      })
      .toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Total' }).getAttribute('aria-sort')).toBe(
      'descending',
    );

    // Keyset paging goes on from the last total of page one, still largest first.
    const firstPage = await orderIds(page);
    const firstPageLast = Math.min(...(await totals()));
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2').waitFor();
    await expect
      .poll(async () => {
        const ids = await orderIds(page);
        return ids.length > 0 && ids.every((id) => !firstPage.includes(id));
      })
      .toBe(true);
    expect(Math.max(...(await totals()))).toBeLessThanOrEqual(firstPageLast);

    await page.getByRole('searchbox', { name: 'Search orders' }).fill('#7');
    await page.waitForURL(/q=%237/);
    await page.getByText('Page 1').waitFor();
    await expect.poll(() => orderIds(page)).toEqual([7]);
    await screenshot(page, 'admin', 'orders-search');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('creates a product, reprices it without touching past orders, and archives it', async () => {
    const { page, context, consoleErrors } = await openPage(browser(), stack());
    await openConsole(page, stack());
    await page.goto('/admin/products/new');
    await page.getByLabel('Name').fill('E2E Teapot');
    await page.getByLabel('SKU').fill(`E2E-TEAPOT-${Date.now()}`);
    // A seeded category, picked from the list (typing one in is no longer possible); the
    // options' values are category ids, Kitchen's text indented under Home & Living.
    const picker = page.getByLabel('Category', { exact: true });
    await picker.locator('option', { hasText: 'Kitchen' }).waitFor({ state: 'attached' });
    const kitchen = await picker.locator('option', { hasText: 'Kitchen' }).getAttribute('value');
    await picker.selectOption(kitchen!);
    await page.getByLabel('Price (USD)').fill('24.50');
    await page.getByLabel('Opening stock').fill('12');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByText('Created E2E Teapot').waitFor();
    await page.waitForURL(/\/admin\/products\/\d+$/);
    const productId = Number(page.url().split('/').pop());
    const customer = await openPage(browser(), stack());
    await registerCustomer(customer.page, 'Tea Tom');
    const orderId = await placeOrder(customer.page, [{ productId, quantity: 1 }]);
    await customer.context.close();

    await page.getByLabel('Price (USD)').fill('26.00');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved E2E Teapot').waitFor();
    await page
      .getByText('A new price applies to new orders; existing orders keep theirs.')
      .waitFor();

    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
    await page.getByText('E2E Teapot is archived').waitFor();
    await page.getByRole('button', { name: 'Put back on sale' }).waitFor();
    await screenshot(page, 'admin', 'product-archived');

    // The order placed before the change keeps the price it was placed at.
    await page.goto(`/admin/orders/${orderId}`);
    await page.getByRole('heading', { name: `Order #${orderId}` }).waitFor();
    const line = page.getByRole('row', { name: /E2E Teapot/ });
    expect(await line.locator('td').nth(2).textContent()).toBe('$24.50');
    await page.goto(`/admin/products`);
    await page.getByLabel('Show archived').check();
    await page
      .getByRole('row', { name: /E2E Teapot/ })
      .getByText('$26.00')
      .waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

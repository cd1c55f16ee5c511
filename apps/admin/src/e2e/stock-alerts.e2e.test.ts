import { schema } from '@stockpulse/db';
import { e2eSuite, openPage, screenshot, seriousA11yViolations } from '@stockpulse/e2e';
import { asc, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { call, openConsole } from '../testing/e2e';

const soon = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 15_000, interval: 200 });

// Restocks that stay on their way for the whole file (the default lead time is 20 s).
describe('stock alerts in the console', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite({
    workerEnv: { RESTOCK_LEAD_TIME_MS: '600000' },
    seed: { products: 12, orders: 10 },
  });

  it('shows a product sold out while its restock travels, and counts every open restock', async () => {
    const { world } = stack();
    const admin = await openPage(browser(), stack(), { viewport: 'wide' });
    await openConsole(admin.page, stack());

    // The seed's products sold in options have sold-out combinations of their own, which
    // would fill the card's eight places before the product this test watches: untracked here.
    await world.pool.query(
      "UPDATE inventory SET reorder_point = 0 WHERE variant_id IN (SELECT id FROM variants WHERE title <> '')",
    );
    // Sold out, 50 on order: the restock rule (available + incoming vs. the point) is happy.
    const soldOut = await world.addProduct({ onHand: 0, name: 'Sold-out kettle' });
    await call(admin.page, 'admin.inventory.restock', { productId: soldOut, quantity: 50 });
    // More open restocks than the 30 newest the card used to read.
    for (let i = 0; i < 32; i++) {
      const productId = await world.addProduct({ onHand: 100 });
      await call(admin.page, 'admin.inventory.restock', { productId, quantity: 5 });
    }

    // The overview lists what the operator calls low, sold out first, as the database says.
    const { inventory, restocks } = schema;
    const expected = async () =>
      (
        await world.db
          .select({ id: inventory.productId })
          .from(inventory)
          // A row with reorder point 0 is not stocked there (the seed's second location).
          .where(
            sql`${inventory.reorderPoint} > 0 AND ${inventory.available} <= ${inventory.reorderPoint}`,
          )
          .orderBy(asc(inventory.available), asc(inventory.variantId), asc(inventory.locationId))
          .limit(8)
      ).map((row) => String(row.id));
    await admin.page.goto('/admin');
    const card = admin.page.locator('section[aria-labelledby="low-title"]');
    const listed = () =>
      card
        .locator('li[data-product-id]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-product-id')));
    await soon(async () => (await listed()).join() === (await expected()).join()).toBe(true);
    expect(await listed()).toContain(String(soldOut));
    const row = card.locator(`li[data-product-id="${soldOut}"]`);
    expect(await row.locator('[data-stock-alert]').textContent()).toBe('Out of stock');
    expect(await row.textContent()).toMatch(/0 available.*(Requested|In transit)/);
    expect(await card.getByText('above its reorder point').count()).toBe(0);
    await admin.page.waitForLoadState('networkidle');
    await screenshot(admin.page, 'admin', 'overview-stock-alerts');
    expect(await seriousA11yViolations(admin.page)).toEqual([]);

    // Inventory, low only: the same product marked; the open restocks counted by the server.
    await admin.page.goto('/admin/inventory?low=1');
    const stockRow = admin.page.locator(`tr[data-product-id="${soldOut}"]`);
    await stockRow.waitFor();
    expect(await stockRow.locator('[data-stock-alert]').textContent()).toBe('Out of stock');
    const openInDatabase = async () =>
      (
        await world.db
          .select({ n: sql<number>`COUNT(*)`.mapWith(Number) })
          .from(restocks)
          .where(inArray(restocks.status, ['requested', 'in_transit']))
      )[0]!.n;
    const shown = admin.page.getByTestId('open-restocks-count');
    await soon(async () => Number(await shown.textContent()) === (await openInDatabase())).toBe(
      true,
    );
    expect(Number(await shown.textContent())).toBeGreaterThanOrEqual(33);
    expect(await admin.page.getByText(/The newest 10 of \d+ open restocks/).count()).toBe(1);
    await admin.page.waitForLoadState('networkidle');
    await screenshot(admin.page, 'admin', 'inventory-stock-alerts');
    expect(await seriousA11yViolations(admin.page)).toEqual([]);

    // The same views on a phone.
    const phone = await openPage(browser(), stack(), { viewport: 'phone' });
    await openConsole(phone.page, stack());
    await phone.page
      .locator(`section[aria-labelledby="low-title"] li[data-product-id="${soldOut}"]`)
      .waitFor();
    await phone.page.waitForLoadState('networkidle');
    await screenshot(phone.page, 'admin', 'overview-stock-alerts');
    await phone.page.goto('/admin/inventory?low=1');
    await phone.page.locator(`tr[data-product-id="${soldOut}"]`).waitFor();
    await phone.page.waitForLoadState('networkidle');
    await screenshot(phone.page, 'admin', 'inventory-stock-alerts');

    expect(admin.consoleErrors).toEqual([]);
    expect(phone.consoleErrors).toEqual([]);
    await Promise.all([admin.context.close(), phone.context.close()]);
  });
});

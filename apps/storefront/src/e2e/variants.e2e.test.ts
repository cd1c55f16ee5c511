import { e2eSuite, openPage, type ViewportName } from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import { checkPage, fillCard, saveAddressViaApi, signUpViaApi, soon } from '../testing/e2e';

describe('a product sold in options, split over two locations', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite();

  it.each<ViewportName>(['desktop', 'phone'])(
    'a shopper picks a size and colour and buys it; another page watching it sees its count drop live (%s)',
    async (viewport) => {
      const east = await stack().world.addLocation({ priority: 900, name: 'East warehouse' });
      const name = `Crew tee ${Math.random().toString(36).slice(2, 7)}`;
      // M / Navy: 2 at the main warehouse and 3 in the east, so a buy of 4 is split.
      const { productId, variantIds } = await stack().world.addVariantProduct({
        name,
        options: [
          { name: 'Size', values: ['S', 'M'] },
          { name: 'Colour', values: ['Black', 'Navy'] },
        ],
        variants: [
          {
            options: { Size: 'S', Colour: 'Black' },
            priceCents: 2_400,
            stock: { 1: 0, [east]: 0 },
          },
          { options: { Size: 'S', Colour: 'Navy' }, priceCents: 2_400, stock: { 1: 6 } },
          { options: { Size: 'M', Colour: 'Navy' }, priceCents: 2_600, stock: { 1: 2, [east]: 3 } },
        ],
      });
      const mNavy = variantIds[2]!;

      // Someone else finds it in the catalog: sold in options, its card sends to the picker.
      const watcher = await openPage(browser(), stack(), { viewport });
      await watcher.page.goto(`/?q=${encodeURIComponent(name)}`);
      const card = watcher.page.locator(`[data-product-id="${productId}"]`);
      await soon(() => card.getByTestId('stock-badge').textContent()).toBe('11 in stock');
      expect(await card.getByTestId('choose-options').count()).toBe(1);
      // …and opens the M / Navy page.
      await watcher.page.goto(`/products/${productId}?variant=${mNavy}`);
      await watcher.page.getByRole('heading', { name }).waitFor();
      await soon(() => watcher.page.getByTestId('stock-badge').textContent()).toBe('Only 5 left');
      await watcher.page.locator('.live-indicator.live-live').waitFor();

      const shopper = await openPage(browser(), stack(), { viewport });
      await signUpViaApi(shopper.page, 'Vera Variant');
      await saveAddressViaApi(shopper.page);
      await shopper.page.goto(`/products/${productId}`);
      await shopper.page.getByRole('heading', { name }).waitFor();
      // S / Black is sold out everywhere: the page opens on a combination in stock.
      expect(
        await shopper.page.getByRole('button', { name: 'Colour Black, sold out' }).count(),
      ).toBe(1);
      await shopper.page.getByRole('button', { name: /^Size M/ }).click();
      await shopper.page.getByRole('button', { name: 'Colour Navy' }).click();
      await soon(() => shopper.page.getByTestId('stock-badge').textContent()).toBe('Only 5 left');
      expect(await shopper.page.getByText('$26.00').count()).toBeGreaterThan(0);
      await checkPage(shopper.page, 'product-variants');
      await shopper.page.getByRole('spinbutton', { name: 'Quantity' }).fill('4');
      await shopper.page.getByRole('button', { name: 'Add to cart' }).click();
      await soon(() => shopper.page.getByTestId('cart-count').textContent()).toBe('4');

      await shopper.page.getByTestId('cart-link').click();
      const line = shopper.page.locator(`[data-testid="cart-line"][data-variant-id="${mNavy}"]`);
      await line.waitFor();
      expect(await line.textContent()).toContain('M / Navy');
      await checkPage(shopper.page, 'cart-variants');
      await shopper.page.getByRole('link', { name: 'Check out' }).click();
      await soon(() => shopper.page.getByLabel('City').inputValue()).toBe('Springfield');
      await fillCard(shopper.page);
      await shopper.page.getByRole('button', { name: 'Place order' }).click();
      await shopper.page.getByRole('heading', { name: /Thank you/ }).waitFor();

      // No reload on the watcher's page: the live layer brought the variant's new count.
      await soon(() => watcher.page.getByTestId('stock-badge').textContent()).toBe('Only 1 left');
      await checkPage(watcher.page, 'product-variants-live');

      // The order names the variant, and its units were reserved at both locations.
      await shopper.page.getByRole('link', { name: 'Track this order' }).click();
      await shopper.page.getByTestId('status-timeline').waitFor();
      expect(await shopper.page.getByRole('table').textContent()).toContain('M / Navy');
      const rows = await stack().world.pool.query(
        `SELECT a.location_id, a.quantity FROM order_allocations a
         JOIN order_details d ON d.id = a.order_detail_id
         WHERE d.variant_id = ? ORDER BY a.location_id`,
        [mNavy],
      );
      expect(
        (rows[0] as { location_id: number; quantity: number }[]).map((r) => [
          r.location_id,
          r.quantity,
        ]),
      ).toEqual([
        [1, 2],
        [east, 2],
      ]);
      expect(watcher.consoleErrors).toEqual([]);
      expect(shopper.consoleErrors).toEqual([]);
      await Promise.all([watcher.context.close(), shopper.context.close()]);
    },
  );
});

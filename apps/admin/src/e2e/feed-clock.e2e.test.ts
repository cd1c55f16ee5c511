import { e2eSuite, openPage, screenshot } from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import { openConsole, placeOrder, registerCustomer } from '../testing/e2e';

// The admin's laptop clock is off from the server's; the feed must still read the
// server's time base: a new order is "just now", then counts up second by second.
describe('the live feed on a skewed clock', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite({ seed: { products: 12, orders: 10 } });

  for (const [viewport, skewMs] of [
    ['wide', -17_000],
    ['phone', 45_000],
  ] as const) {
    it(`stamps a new order "just now" and ticks every second (${viewport}, page clock ${skewMs / 1000} s)`, async () => {
      const admin = await openPage(browser(), stack(), { viewport });
      await admin.context.clock.install({ time: Date.now() + skewMs });
      await openConsole(admin.page, stack());

      const customer = await openPage(browser(), stack());
      await registerCustomer(customer.page, 'Skewed Sky');
      const productId = await stack().world.addProduct({ onHand: 5 });
      const orderId = await placeOrder(customer.page, [{ productId, quantity: 1 }]);

      const row = admin.page.locator(`li[data-order-id="${orderId}"] .feed-main .muted`);
      await row.waitFor({ timeout: 15_000 });
      const seen: string[] = [];
      const stamp = async () => {
        const text = (await row.textContent()) ?? '';
        seen.push(text);
        return text;
      };
      expect(await stamp()).toMatch(/just now$/);
      // Past ten seconds it says how many, updated within a second or two of each.
      await expect
        .poll(stamp, { timeout: 25_000, interval: 250 })
        .toMatch(/ · 1[1-5] seconds ago$/);
      expect(seen.filter((text) => /\bin \d+/.test(text))).toEqual([]);
      await screenshot(admin.page, 'admin', 'feed-skewed-clock');
      expect(admin.consoleErrors).toEqual([]);
      await Promise.all([admin.context.close(), customer.context.close()]);
    });
  }
});

import { e2eSuite, openPage, type ViewportName } from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import {
  addNamedProduct,
  checkPage,
  fillCard,
  saveAddressViaApi,
  signUpViaApi,
  soon,
} from '../testing/e2e';

// Every payment is declined: the order job retries (about 8 s), then the worker cancels the
// order with `payment_failed` while the shopper looks at the confirmation page.
describe('a payment that fails for good', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite({ workerEnv: { PAYMENT_FAILURE_RATE: '1' } });

  for (const viewport of ['phone', 'wide'] as ViewportName[]) {
    it(`turns the confirmation into the failure, with the items one click from the cart (${viewport})`, async () => {
      const product = await addNamedProduct(stack(), 'Declined lamp', { onHand: 9 });
      const shopper = await openPage(browser(), stack(), { viewport });
      const { page } = shopper;
      await page.goto('/');
      await signUpViaApi(page, 'Dee Clined');
      await saveAddressViaApi(page);

      await page.goto(`/products/${product.id}`);
      await page.getByRole('button', { name: 'Increase quantity' }).click();
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await soon(() => page.getByTestId('cart-count').textContent()).toBe('2');
      await page.goto('/checkout');
      await soon(() => page.getByLabel('City').inputValue()).toBe('Springfield');
      await fillCard(page);
      await page.getByRole('button', { name: 'Place order' }).click();

      // While the payment is tried: said so, not "placed".
      const heading = page.getByRole('heading', { level: 1 });
      await soon(() => heading.textContent()).toBe('Thank you! We’re confirming your payment.');
      expect(await page.getByTestId('cart-count').textContent()).toBe('0');
      await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

      // The verdict arrives live over the socket.
      await expect
        .poll(() => heading.textContent(), { timeout: 45_000, interval: 200 })
        .toBe('Your payment didn’t go through');
      expect(await page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
      expect(await page.locator('.confirmation-hero').getAttribute('data-tone')).toBe('failure');
      expect(await page.locator('.confirmation-hero p').textContent()).toMatch(
        /was cancelled\. The payment did not go through\. You have not been charged\./,
      );
      expect(await page.getByTestId('order-status').getAttribute('data-status')).toBe('cancelled');
      expect(await page.getByText('Your order is placed').count()).toBe(0);
      expect(await page.title()).toBe('Order cancelled · Stockpulse');
      await checkPage(page, 'confirmation-payment-failed');

      // The way forward: the same items back in the cart, ready to try again.
      await page.getByRole('button', { name: 'Put the items back in my cart' }).click();
      await page.getByRole('heading', { name: 'Your cart' }).waitFor();
      await soon(() => page.getByTestId('cart-count').textContent()).toBe('2');
      expect(await page.getByText(product.name).count()).toBeGreaterThan(0);
      await page.getByRole('link', { name: 'Check out' }).waitFor();
      await checkPage(page, 'cart-restored');
      expect(shopper.consoleErrors).toEqual([]);
      await shopper.context.close();
    });
  }
});

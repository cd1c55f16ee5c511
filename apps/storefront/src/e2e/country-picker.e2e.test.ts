import { e2eSuite, openPage, screenshot, type ViewportName } from '@stockpulse/e2e';
import { describe, expect, it } from 'vitest';
import { signUpViaApi, soon } from '../testing/e2e';

describe('the address country', { timeout: 120_000 }, () => {
  const { stack, browser } = e2eSuite();

  it('is refused by the server when it is not an ISO 3166-1 code (ZZ), saying why', async () => {
    const { page, context } = await openPage(browser(), stack());
    await signUpViaApi(page, 'Zed Zone');
    const address = { line1: '1 Nowhere Lane', city: 'Nowhere', postalCode: '00000' };
    const response = await page.request.post('/trpc/account.update', {
      data: { json: { address: { ...address, country: 'ZZ' } } },
    });
    expect(response.status()).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(
      'ZZ is not a country code (ISO 3166-1): pick a country from the list',
    );
    await context.close();
  });

  for (const viewport of ['phone', 'wide'] as ViewportName[]) {
    it(`is picked from a list of country names on the account page (${viewport})`, async () => {
      const { page, context, consoleErrors } = await openPage(browser(), stack(), { viewport });
      await signUpViaApi(page, 'Pia Picker');
      await page.goto('/account');
      const country = page.getByRole('combobox', { name: 'Country' });
      await country.waitFor();
      expect(await country.locator('option').count()).toBe(250);
      await page.getByLabel('Address', { exact: true }).fill('5 Rue de la Paix');
      await page.getByLabel('City').fill('Paris');
      await page.getByLabel('Postal code').fill('75002');
      await country.selectOption({ label: 'France' });
      await page.getByRole('button', { name: 'Save address' }).click();
      await page.reload();
      await soon(() => page.getByRole('combobox', { name: 'Country' }).inputValue()).toBe('FR');
      await screenshot(page, 'storefront', 'account-country-picker');
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});

import { type Stack, screenshot, seriousA11yViolations } from '@stockpulse/e2e';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A tRPC call from inside a browser context (its cookies: that person), as the page would. */
export async function callApi<T = unknown>(page: Page, path: string, input?: unknown): Promise<T> {
  const response = await page.request.post(`/trpc/${path}`, {
    data: input === undefined ? {} : { json: input },
  });
  const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  if (!response.ok()) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result?.data?.json as T;
}

/** A tRPC query (GET, its input in the URL) from inside a browser context. */
export async function queryApi<T = unknown>(page: Page, path: string, input?: unknown): Promise<T> {
  const query =
    input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await page.request.get(`/trpc/${path}${query}`);
  const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  if (!response.ok()) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result?.data?.json as T;
}

/** expect.poll with room for a shared 2-core machine (its default gives up after 1 s). */
export const soon = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 15_000, interval: 100 });

let people = 0;

/** A new customer, signed in inside this page's context. */
export async function signUpViaApi(page: Page, name = 'Sam Shopper') {
  people += 1;
  const email = `e2e-${Date.now().toString(36)}-${people}@example.com`;
  const password = 'a-long-password-1';
  const user = await callApi<{ id: number }>(page, 'auth.register', { email, password, name });
  return { id: user.id, email, password };
}

export const TEST_ADDRESS = {
  name: 'Robin Buyer',
  line1: '12 Market Street',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

/** Saves TEST_ADDRESS on the signed-in customer's account (checkout prefills it). */
export async function saveAddressViaApi(page: Page) {
  const { name: _, ...address } = TEST_ADDRESS;
  await callApi(page, 'account.update', { address });
}

/**
 * Types a card into the checkout's (or "Pay with another card"'s) card fields, as a
 * shopper does; the fields format as they go. The simulated provider's test cards decide
 * the outcome (4242… pays, 4000 0000 0000 0002 is declined).
 */
export async function fillCard(page: Page, number = '4242 4242 4242 4242', scope?: string) {
  const within = scope ? page.locator(scope) : page;
  await within.getByLabel('Card number').fill(number);
  await within.getByLabel('Expiry (MM/YY)').fill('12/30');
  await within.getByLabel('Security code').fill('123');
}

/** Adds `quantity` of a product to the cart from its page. */
export async function addToCart(page: Page, productId: number, quantity: number) {
  await page.goto(`/products/${productId}`);
  await page.getByRole('spinbutton', { name: 'Quantity' }).fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
}

/** Buys in this page's context through the API (another shopper, not the one under test). */
export function buyViaApi(page: Page, productId: number, quantity: number) {
  return callApi<{ id: number }>(page, 'orders.place', {
    items: [{ productId, quantity }],
    idempotencyKey: `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    shippingAddress: TEST_ADDRESS,
  });
}

/**
 * The checks every main page gets: a screenshot to look at, no serious or critical axe
 * violation, and (by the caller, at the end) no console error.
 */
export async function checkPage(page: Page, name: string) {
  // Let lazy chunks, images and the toaster settle before judging the page.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await screenshot(page, 'storefront', name);
  const violations = await seriousA11yViolations(page);
  expect(violations, `axe on ${name}`).toEqual([]);
}

/** A product with a name unique to this run, so a search finds only it. */
export async function addNamedProduct(
  stack: Stack,
  word: string,
  options: { onHand: number; priceCents?: number },
) {
  const name = `${word} ${Math.random().toString(36).slice(2, 7)}`;
  const id = await stack.world.addProduct({ name, priceCents: 2_450, ...options });
  return { id, name };
}

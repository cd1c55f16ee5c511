// Test helpers for the console's end-to-end tests (never part of the bundle).
import type { Stack } from '@stockpulse/e2e';
import type { Page } from 'playwright-core';

/** tRPC over plain HTTP with superjson's envelope: `{ json: input }` in, `result.data.json` out. */
export async function call<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/trpc/${path}`, { data: { json: input } });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!response.ok() || !body.result) {
    throw new Error(`${path} failed (${response.status()}): ${JSON.stringify(body.error)}`);
  }
  return body.result.data.json;
}

/** A tRPC query (GET, the input in the URL), as the page's signed-in person. */
export async function query<T>(page: Page, path: string, input: unknown): Promise<T> {
  const url = `/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await page.request.get(url);
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!response.ok() || !body.result) {
    throw new Error(`${path} failed (${response.status()}): ${JSON.stringify(body.error)}`);
  }
  return body.result.data.json;
}

let people = 0;

/** A new customer, registered and signed in inside this page's context (its own cookie). */
export async function registerCustomer(page: Page, name = 'Erin Example') {
  people += 1;
  const email = `e2e-${Date.now()}-${people}-${process.pid}@example.com`;
  await page.goto('/');
  return call<{ id: number; name: string }>(page, 'auth.register', {
    email,
    password: 'a long e2e password',
    name,
  });
}

/** Places an order as the page's signed-in customer; answers the order id. */
export async function placeOrder(page: Page, items: { productId: number; quantity: number }[]) {
  const order = await call<{ id: number }>(page, 'orders.place', {
    items,
    idempotencyKey: `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    shippingAddress: {
      name: 'Erin Example',
      line1: '1 Test Street',
      city: 'Testville',
      postalCode: '12345',
      country: 'US',
    },
  });
  return order.id;
}

/** Signs in through the console's own form. */
export async function signInToConsole(
  page: Page,
  credentials: { email: string; password: string },
) {
  await page.goto('/admin');
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs the admin in and waits for the socket to be live. */
export async function openConsole(page: Page, stack: Stack) {
  await signInToConsole(page, stack.admin);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  // Attached: on a phone the badge sits in the folded menu.
  await page.locator('[data-live-status="live"]').waitFor({ state: 'attached', timeout: 15_000 });
}

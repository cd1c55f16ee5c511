// @vitest-environment jsdom
import { createLiveClient, LiveProvider } from '@stockpulse/live';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CartProvider } from '../cart/CartProvider';
import { CART_STORAGE_KEY, serializeCart } from '../cart/cart';
import { ApiRefusal } from '../testing/fake-api';

const api = vi.hoisted(
  () => ({}) as ReturnType<typeof import('../testing/fake-api').createFakeApi>,
);
vi.mock('../trpc', async () => {
  const { createFakeApi: create } = await import('../testing/fake-api');
  Object.assign(api, create());
  return { trpc: api.trpc, queryClient: api.queryClient };
});
vi.mock('../live', () => ({ reconnectLive: () => undefined }));

const { CheckoutPage } = await import('./CheckoutPage');

const product = (id: number, available: number) => ({
  id,
  sku: `SKU-${id}`,
  name: `Product ${id}`,
  category: 'Test',
  priceCents: 1_000,
  imageUrl: `/media/products/SKU-${id}.svg`,
  image: null,
  images: [],
  description: 'A product.',
  available,
  active: true,
});

function Done() {
  return <h1>Order placed</h1>;
}

function SignIn() {
  return <h1>Sign in</h1>;
}

function renderCheckout() {
  const live = createLiveClient({ autoConnect: false });
  const router = createMemoryRouter(
    [
      { path: '/checkout', Component: CheckoutPage },
      { path: '/checkout/done/:id', Component: Done },
      { path: '/signin', Component: SignIn },
    ],
    { initialEntries: ['/checkout'] },
  );
  render(
    <QueryClientProvider client={api.queryClient}>
      <LiveProvider client={live}>
        <CartProvider>
          <RouterProvider router={router} />
        </CartProvider>
      </LiveProvider>
    </QueryClientProvider>,
  );
  return { live };
}

beforeEach(() => {
  localStorage.clear();
  api.queryClient.clear();
  api.calls.length = 0;
  api.handlers.clear();
  api.handlers.set('auth.me', () => ({
    id: 5,
    email: 'c@example.com',
    name: 'Cam',
    role: 'customer',
  }));
  api.handlers.set('account.get', () => ({
    id: 5,
    email: 'c@example.com',
    name: 'Cam Customer',
    phone: null,
    address: {
      line1: '1 Main St',
      line2: null,
      city: 'Town',
      region: null,
      postalCode: '12345',
      country: 'US',
    },
  }));
  api.handlers.set('catalog.byId', (input) => {
    const { id } = input as { id: number };
    return product(id, id === 2 ? 1 : 10);
  });
  const line = (id: number, quantity: number) => ({
    productId: id,
    quantity,
    name: `Product ${id}`,
    sku: `SKU-${id}`,
    priceCents: 1_000,
    imageUrl: `/media/products/SKU-${id}.svg`,
  });
  localStorage.setItem(CART_STORAGE_KEY, serializeCart({ lines: [line(1, 2), line(2, 1)] }));
  api.handlers.set('payments.tokenize', () => ({
    token: 'tok_test',
    brand: 'visa',
    last4: '4242',
  }));
});
afterEach(cleanup);

const placeCalls = () => api.calls.filter((call) => call.path === 'orders.place');
const tokenizeCalls = () => api.calls.filter((call) => call.path === 'payments.tokenize');

/** Types the test card as a shopper does (the fields format as they go). */
async function fillCard(number = '4242424242424242', expiry = '1230', cvc = '123') {
  await userEvent.type(await screen.findByLabelText('Card number'), number);
  await userEvent.type(screen.getByLabelText('Expiry (MM/YY)'), expiry);
  await userEvent.type(screen.getByLabelText('Security code'), cvc);
}

describe('CheckoutPage', () => {
  it('sends one order with one key, whatever the clicks', async () => {
    let release: () => void = () => undefined;
    api.handlers.set(
      'orders.place',
      () => new Promise((resolve) => (release = () => resolve({ id: 77 }))),
    );
    renderCheckout();
    const place = await screen.findByRole('button', { name: 'Place order' });
    await waitFor(() => expect(screen.getByLabelText('City')).toHaveProperty('value', 'Town'));
    await waitFor(() => expect(place).toHaveProperty('disabled', false));
    await fillCard();
    expect(screen.getByLabelText('Card number')).toHaveProperty('value', '4242 4242 4242 4242');
    expect(screen.getByLabelText('Expiry (MM/YY)')).toHaveProperty('value', '12/30');

    await userEvent.dblClick(place);
    await userEvent.click(place);
    release();
    await screen.findByRole('heading', { name: 'Order placed' });

    expect(placeCalls()).toHaveLength(1);
    const input = placeCalls()[0]?.input as Record<string, unknown>;
    expect(input).toMatchObject({
      items: [
        { productId: 1, quantity: 2 },
        { productId: 2, quantity: 1 },
      ],
      expectedTotalCents: 3_000,
      shippingAddress: { name: 'Cam Customer', line1: '1 Main St', country: 'US' },
      paymentMethod: 'tok_test',
    });
    // The number went to the tokenizer only, never with the order.
    expect(tokenizeCalls()[0]?.input).toEqual({
      number: '4242424242424242',
      expMonth: 12,
      expYear: 2030,
      cvc: '123',
    });
    expect(JSON.stringify(input)).not.toContain('4242424242424242');
    expect(input.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // The cart empties once the order is placed.
    expect(JSON.parse(localStorage.getItem(CART_STORAGE_KEY) ?? '{}').lines).toEqual([]);
  });

  it('retries with the same key after a failure, and shows OUT_OF_STOCK on the exact line', async () => {
    let attempt = 0;
    api.handlers.set('orders.place', () => {
      attempt += 1;
      if (attempt === 1) throw new Error('network hiccup');
      throw new ApiRefusal('Not enough stock', {
        code: 'CONFLICT',
        httpStatus: 409,
        cause: 'OUT_OF_STOCK',
        details: { items: [{ productId: 1, name: 'Product 1', requested: 2, available: 1 }] },
      });
    });
    renderCheckout();
    const place = await screen.findByRole('button', { name: 'Place order' });
    await waitFor(() => expect(place).toHaveProperty('disabled', false));
    await fillCard();

    await userEvent.click(place);
    await screen.findByText(/Something went wrong on our side/);
    await userEvent.click(place);
    const issue = await screen.findByText('Only 1 left: we couldn’t reserve 2');
    const [first, second] = placeCalls().map(
      (call) => (call.input as { idempotencyKey: string }).idempotencyKey,
    );
    expect(second).toBe(first);

    // The issue sits on product 1's line, whose fix keeps what is left.
    const line = issue.closest('[data-testid="cart-line"]');
    expect(line?.getAttribute('data-product-id')).toBe('1');
    await userEvent.click(screen.getByRole('button', { name: 'Keep 1' }));
    expect(screen.queryByText('Only 1 left: we couldn’t reserve 2')).toBeNull();

    // A changed cart is a new attempt: a new key.
    api.handlers.set('orders.place', () => ({ id: 78 }));
    await userEvent.click(place);
    await screen.findByRole('heading', { name: 'Order placed' });
    const third = (placeCalls()[2]?.input as { idempotencyKey: string; items: unknown }) ?? {};
    expect(third.idempotencyKey).not.toBe(first);
    expect(third.items).toEqual([
      { productId: 1, quantity: 1 },
      { productId: 2, quantity: 1 },
    ]);
  });

  it('keeps an invalid address from reaching the server, with the message under the field', async () => {
    api.handlers.set('account.get', () => ({
      id: 5,
      email: 'c@example.com',
      name: 'Cam Customer',
      phone: null,
      address: null,
    }));
    renderCheckout();
    const place = await screen.findByRole('button', { name: 'Place order' });
    await waitFor(() => expect(place).toHaveProperty('disabled', false));
    await userEvent.click(place);
    expect(await screen.findAllByText('Required.')).toHaveLength(3);
    const city = screen.getByLabelText('City');
    expect(city.getAttribute('aria-invalid')).toBe('true');
    // Focus lands on the first field to fix.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Address')));
    expect(placeCalls()).toHaveLength(0);
  });

  it('keeps a bad card from the tokenizer, and shows the tokenizer’s refusal under its field', async () => {
    renderCheckout();
    const place = await screen.findByRole('button', { name: 'Place order' });
    await waitFor(() => expect(place).toHaveProperty('disabled', false));
    await fillCard('4242424242424241', '1220', '12');
    await userEvent.click(place);
    expect(await screen.findByText('Enter a valid card number.')).toBeTruthy();
    expect(screen.getByText('This card has expired.')).toBeTruthy();
    expect(screen.getByText('Enter the 3-digit security code.')).toBeTruthy();
    expect(screen.getByLabelText('Card number').getAttribute('aria-invalid')).toBe('true');
    expect(tokenizeCalls()).toHaveLength(0);

    api.handlers.set('payments.tokenize', () => {
      throw new ApiRefusal('This card cannot be used', {
        code: 'BAD_REQUEST',
        httpStatus: 400,
        cause: 'INVALID_PAYMENT_METHOD',
        details: { field: 'number' },
      });
    });
    await userEvent.clear(screen.getByLabelText('Card number'));
    await userEvent.clear(screen.getByLabelText('Expiry (MM/YY)'));
    await userEvent.clear(screen.getByLabelText('Security code'));
    await fillCard();
    await userEvent.click(place);
    expect(await screen.findByText('This card cannot be used')).toBeTruthy();
    expect(tokenizeCalls()).toHaveLength(1);
    expect(placeCalls()).toHaveLength(0);
  });

  it('on PRICE_CHANGED, fetches today’s prices and sends the new total next time', async () => {
    let priceCents = 1_000;
    api.handlers.set('catalog.byId', (input) => {
      const { id } = input as { id: number };
      return { ...product(id, 10), priceCents };
    });
    api.handlers.set('orders.place', (input) => {
      const { expectedTotalCents } = input as { expectedTotalCents: number };
      if (expectedTotalCents !== 3_600) {
        throw new ApiRefusal('Prices changed', {
          code: 'CONFLICT',
          httpStatus: 409,
          cause: 'PRICE_CHANGED',
          details: { expectedTotalCents, totalCents: 3_600 },
        });
      }
      return { id: 79 };
    });
    renderCheckout();
    const place = await screen.findByRole('button', { name: 'Place order' });
    await waitFor(() => expect(place).toHaveProperty('disabled', false));
    expect(screen.getByTestId('checkout-total').textContent).toBe('$30.00');

    await fillCard();
    priceCents = 1_200; // the shop raised its prices meanwhile
    await userEvent.click(place);
    await screen.findByText(/Prices changed since you opened checkout: the total is now \$36\.00/);
    await waitFor(() => expect(screen.getByTestId('checkout-total').textContent).toBe('$36.00'));

    await userEvent.click(place);
    await screen.findByRole('heading', { name: 'Order placed' });
    expect(
      placeCalls().map((call) => (call.input as { expectedTotalCents: number }).expectedTotalCents),
    ).toEqual([3_000, 3_600]);
  });

  it('saves the address to an account that had none (the box starts ticked)', async () => {
    api.handlers.set('account.get', () => ({
      id: 5,
      email: 'c@example.com',
      name: 'Cam Customer',
      phone: null,
      address: null,
    }));
    api.handlers.set('orders.place', () => ({ id: 80 }));
    api.handlers.set('account.update', (input) => ({ id: 5, ...(input as object) }));
    renderCheckout();
    await userEvent.type(await screen.findByLabelText('Address'), '9 Elm Road');
    await userEvent.type(screen.getByLabelText('City'), 'Oakham');
    await userEvent.type(screen.getByLabelText('Postal code'), 'LE15 6AA');
    await userEvent.selectOptions(screen.getByLabelText('Country'), 'GB');
    await fillCard();
    expect(screen.getByRole('checkbox', { name: /Save this address/ })).toHaveProperty(
      'checked',
      true,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Place order' }));
    await screen.findByRole('heading', { name: 'Order placed' });
    await waitFor(() =>
      expect(api.calls.find((call) => call.path === 'account.update')?.input).toEqual({
        address: {
          line1: '9 Elm Road',
          line2: null,
          city: 'Oakham',
          region: null,
          postalCode: 'LE15 6AA',
          country: 'GB',
        },
      }),
    );
  });
});

// @vitest-environment jsdom
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Toaster } from 'sonner';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminOrder } from '../lib/api-types';
import { stubApi } from '../testing/fake-api';
import { queryClient, trpc } from '../trpc';
import { OrderActions } from './OrderActions';

const order = (status: AdminOrder['status']): AdminOrder => ({
  id: 42,
  customerId: 3,
  customerName: 'Carl',
  status,
  totalCents: 1000,
  itemCount: 1,
  cancelReason: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  shippingAddress: {
    name: 'Carl',
    line1: '1 Road',
    line2: null,
    city: 'Town',
    region: null,
    postalCode: '1',
    country: 'US',
  },
  lines: [],
  events: [],
  customer: { id: 3, name: 'Carl', email: 'carl@example.com' },
  money: null,
});

/** What the order page shows of the order: its cached detail query. */
function ShownStatus() {
  const { data } = useQuery({
    ...trpc.admin.orders.byId.queryOptions({ id: 42 }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return <span data-testid="shown-status">{data?.status}</span>;
}

function renderActions(status: AdminOrder['status']) {
  return render(
    <QueryClientProvider client={queryClient}>
      <OrderActions order={order(status)} />
      <Toaster />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('OrderActions', () => {
  it('offers only the moves allowed from the status', () => {
    renderActions('paid');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Mark shipped',
      'Cancel order',
    ]);
    cleanup();
    renderActions('delivered');
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByText('No further actions: the order is delivered.')).toBeTruthy();
  });

  it('cancels only with a reason, after confirming, and sends it', async () => {
    const api = stubApi();
    const sent: unknown[] = [];
    api.on('admin.orders.transition', (input) => {
      sent.push(input);
      return { data: { ...order('cancelled'), cancelReason: 'damaged in the warehouse' } };
    });
    api.on('admin.orders.list', () => ({ data: { items: [], nextCursor: null } }));
    const user = userEvent.setup();
    renderActions('paid');

    await user.click(screen.getByRole('button', { name: 'Cancel order' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel order #42?' });
    const confirm = screen.getAllByRole('button', { name: 'Cancel order' }).at(-1)!;
    expect(confirm.hasAttribute('disabled')).toBe(true);
    // Focus moved into the dialog, on the reason.
    expect(document.activeElement).toBe(screen.getByLabelText('Reason (shown to the customer)'));
    await user.keyboard('damaged in the warehouse');
    await user.click(confirm);

    await screen.findByText('Order #42 is now cancelled');
    expect(sent).toEqual([{ id: 42, to: 'cancelled', reason: 'damaged in the warehouse' }]);
    expect(dialog.isConnected).toBe(false);
  });

  it('explains a conflict (someone else moved the order) and refetches the order', async () => {
    const api = stubApi();
    api.on('admin.orders.transition', () => ({
      error: {
        code: 'CONFLICT',
        httpStatus: 409,
        message: 'Order 42 cannot go from cancelled to shipped',
        data: { cause: 'ILLEGAL_TRANSITION', details: { from: 'cancelled', to: 'shipped' } },
      },
    }));
    api.on('admin.orders.byId', () => ({ data: order('cancelled') }));
    api.on('admin.orders.list', () => ({ data: { items: [], nextCursor: null } }));
    queryClient.setQueryData(trpc.admin.orders.byId.queryKey({ id: 42 }), order('paid'));
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={queryClient}>
        <ShownStatus />
        <OrderActions order={order('paid')} />
        <Toaster />
      </QueryClientProvider>,
    );
    expect(screen.getByTestId('shown-status').textContent).toBe('paid');

    await user.click(screen.getByRole('button', { name: 'Mark shipped' }));
    await user.click(screen.getAllByRole('button', { name: 'Mark shipped' }).at(-1)!);

    await screen.findByText('Order #42 was changed by someone else');
    expect(screen.getByText(/It is no longer paid, so it cannot be shipped/)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    // The page's copy of the order was refetched: it shows what the order is now.
    await waitFor(() => expect(screen.getByTestId('shown-status').textContent).toBe('cancelled'));
  });
});

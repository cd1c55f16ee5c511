// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../testing/fake-api';
import { queryClient } from '../trpc';
import { RefundDialog } from './RefundDialog';

afterEach(() => {
  cleanup();
  queryClient.clear();
  vi.unstubAllGlobals();
});

const open = (onClose = vi.fn()) => {
  render(
    <QueryClientProvider client={queryClient}>
      <RefundDialog orderId={5} refundableCents={2_000} onClose={onClose} />
    </QueryClientProvider>,
  );
  return onClose;
};

describe('the refund dialog', () => {
  it('sends dollars as cents with the reason', async () => {
    const api = stubApi();
    const sent: unknown[] = [];
    api.on('admin.orders.refund', (input) => {
      sent.push(input);
      return { data: { refundId: 1, refundableCents: 750 } };
    });
    const user = userEvent.setup();
    const onClose = open();
    await user.type(screen.getByLabelText('Amount (dollars)'), '12.50');
    await user.type(screen.getByLabelText('Reason (shown to the customer)'), 'late parcel');
    await user.click(screen.getByRole('button', { name: 'Refund $12.50' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(sent).toEqual([{ orderId: 5, amountCents: 1250, reason: 'late parcel' }]);
  });

  it('refuses more than is refundable, or not an amount, before asking', async () => {
    const api = stubApi();
    const user = userEvent.setup();
    open();
    const amount = screen.getByLabelText('Amount (dollars)');
    await user.type(amount, '20.01');
    await user.type(screen.getByLabelText('Reason (shown to the customer)'), 'x');
    await user.click(screen.getByRole('button', { name: 'Refund' }));
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('At most $20.00 can be refunded')).toBeTruthy();
    await user.clear(amount);
    await user.type(amount, '1.234');
    expect(screen.getByText('Enter an amount in dollars, like 12.50')).toBeTruthy();
    expect(api.calls).toEqual([]);
  });

  it("shows the server's REFUND_EXCEEDS_CAPTURED with what is left, at the amount", async () => {
    const api = stubApi();
    api.on('admin.orders.refund', () => ({
      error: {
        code: 'CONFLICT',
        httpStatus: 409,
        message: 'Only $5.00 of order 5 is left to refund',
        data: { cause: 'REFUND_EXCEEDS_CAPTURED', details: { refundableCents: 500 } },
      },
    }));
    const user = userEvent.setup();
    const onClose = open();
    const amount = screen.getByLabelText('Amount (dollars)');
    await user.type(amount, '15');
    await user.type(screen.getByLabelText('Reason (shown to the customer)'), 'sorry');
    await user.click(screen.getByRole('button', { name: 'Refund $15.00' }));
    const message = await screen.findByText(/^At most \$5\.00 can be refunded: the rest/);
    expect(amount.getAttribute('aria-describedby')).toBe(message.id);
    expect(onClose).not.toHaveBeenCalled();
  });
});

// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../testing/fake-api';
import { queryClient } from '../trpc';
import type { OpenLine } from './lines';
import { ShipDialog } from './ShipDialog';

const lines: OpenLine[] = [
  {
    orderDetailId: 11,
    name: 'Tee',
    variantTitle: 'M',
    sku: 'TEE-M',
    open: 3,
    openAt: [{ locationId: 1, locationName: 'Main', quantity: 3 }],
  },
  {
    orderDetailId: 12,
    name: 'Mug',
    variantTitle: '',
    sku: 'MUG',
    open: 2,
    openAt: [{ locationId: 1, locationName: 'Main', quantity: 2 }],
  },
];

afterEach(() => {
  cleanup();
  queryClient.clear();
  vi.unstubAllGlobals();
});

const open = (onClose = vi.fn()) => {
  render(
    <QueryClientProvider client={queryClient}>
      <ShipDialog orderId={7} lines={lines} onClose={onClose} />
    </QueryClientProvider>,
  );
  return onClose;
};

describe('the ship dialog', () => {
  it('ships every open unit by default, with the carrier and tracking number', async () => {
    const api = stubApi();
    const sent: unknown[] = [];
    api.on('admin.fulfilment.ship', (input) => {
      sent.push(input);
      return {
        data: {
          orderId: 7,
          status: 'partially_shipped',
          shipments: [{ id: 1, locationId: 1, lines: [{ orderDetailId: 11, quantity: 1 }] }],
        },
      };
    });
    const user = userEvent.setup();
    const onClose = open();
    const tee = screen.getByLabelText('Units of Tee (M) to ship') as HTMLInputElement;
    expect(tee.value).toBe('3');
    await user.clear(tee);
    await user.type(tee, '1');
    await user.clear(screen.getByLabelText('Units of Mug to ship'));
    await user.type(screen.getByLabelText('Carrier'), 'UPS');
    await user.type(screen.getByLabelText('Tracking number'), '1Z999');
    await user.click(screen.getByRole('button', { name: 'Ship 1 unit' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    expect(sent).toEqual([
      {
        orderId: 7,
        lines: [{ orderDetailId: 11, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: '1Z999',
      },
    ]);
  });

  it('refuses more than is open at the line, before asking the server', async () => {
    const api = stubApi();
    const user = userEvent.setup();
    open();
    const mug = screen.getByLabelText('Units of Mug to ship');
    await user.clear(mug);
    await user.type(mug, '5');
    expect(mug.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(mug.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'At most 2 are open',
    );
    await user.type(screen.getByLabelText('Carrier'), 'UPS');
    await user.type(screen.getByLabelText('Tracking number'), '1Z999');
    await user.click(screen.getByRole('button', { name: 'Ship 3 units' }));
    expect(api.calls).toEqual([]);
  });

  it("names the lines of the server's OVER_FULFILMENT and stays open", async () => {
    const api = stubApi();
    api.on('admin.fulfilment.ship', () => ({
      error: {
        code: 'CONFLICT',
        httpStatus: 409,
        message: 'Cannot ship 2 of line 12: only 0 open',
        data: {
          cause: 'OVER_FULFILMENT',
          details: { lines: [{ orderDetailId: 12, requested: 2, open: 0 }] },
        },
      },
    }));
    const user = userEvent.setup();
    const onClose = open();
    await user.type(screen.getByLabelText('Carrier'), 'DHL');
    await user.type(screen.getByLabelText('Tracking number'), 'JD0001');
    await user.click(screen.getByRole('button', { name: 'Ship 5 units' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Mug: only 0 open/);
    expect(onClose).not.toHaveBeenCalled();
  });
});

// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StockRow } from '../lib/api-types';
import { stubApi } from '../testing/fake-api';
import { queryClient } from '../trpc';
import { StockDialog } from './stock-dialogs';

const row: StockRow = {
  productId: 9,
  variantId: 21,
  locationId: 2,
  sku: 'LAMP-1-BRASS',
  name: 'Desk lamp',
  variantTitle: 'Brass',
  category: 'Home',
  active: true,
  locationName: 'East store',
  locationCode: 'EAST',
  onHand: 10,
  reserved: 4,
  available: 5,
  incoming: 0,
  damaged: 1,
  qualityControl: 0,
  safetyStock: 0,
  reorderPoint: 5,
  reorderQuantity: 20,
  restockGap: 1,
  version: 3,
  updatedAt: new Date(),
  openRestock: null,
};

afterEach(() => {
  cleanup();
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('the adjust-stock dialog', () => {
  it("shows the server's STOCK_BELOW_RESERVED next to the change, and keeps the dialog open", async () => {
    const api = stubApi();
    const sent: unknown[] = [];
    api.on('admin.inventory.adjust', (input) => {
      sent.push(input);
      return {
        error: {
          code: 'CONFLICT',
          httpStatus: 409,
          message: 'On hand cannot go below what is reserved',
          data: {
            cause: 'STOCK_BELOW_RESERVED',
            details: { productId: 9, onHand: 10, reserved: 4, delta: -8, smallestDelta: -6 },
          },
        },
      };
    });
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={queryClient}>
        <StockDialog kind="adjust" row={row} onClose={onClose} />
      </QueryClientProvider>,
    );
    const change = screen.getByLabelText('Change (units, negative to remove)');
    await user.type(change, '-8');
    expect(screen.getByText('On hand becomes 2')).toBeTruthy();
    await user.type(screen.getByLabelText('Reason (kept on the ledger)'), 'breakage');
    await user.click(screen.getByRole('button', { name: 'Adjust' }));

    const message = await screen.findByText(
      'At most 6 units can be removed (-6): 4 more units are reserved by open orders.',
    );
    // Tied to the field for screen readers, and the field marked invalid.
    expect(change.getAttribute('aria-describedby')).toBe(message.id);
    expect(change.getAttribute('aria-invalid')).toBe('true');
    expect(onClose).not.toHaveBeenCalled();
    // The row is the variant at its location, not the product.
    expect(sent).toEqual([{ variantId: 21, locationId: 2, delta: -8, reason: 'breakage' }]);
  });

  it('closes on Escape without saving', async () => {
    const api = stubApi();
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={queryClient}>
        <StockDialog kind="policy" row={row} onClose={onClose} />
      </QueryClientProvider>,
    );
    expect(
      screen.getByRole('dialog', { name: 'Reorder policy: Desk lamp (Brass) at East store' }),
    ).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
    expect(api.calls).toEqual([]);
  });
});

describe('the move-stock dialog', () => {
  it("moves between the states chosen, and shows the server's STOCK_UNAVAILABLE at the quantity", async () => {
    const api = stubApi();
    const sent: unknown[] = [];
    api.on('admin.inventory.move', (input) => {
      sent.push(input);
      return {
        error: {
          code: 'CONFLICT',
          httpStatus: 409,
          message: 'Only 1 damaged to move, not 3',
          data: {
            cause: 'STOCK_UNAVAILABLE',
            details: { variantId: 21, locationId: 2, from: 'damaged', to: 'available', has: 1 },
          },
        },
      };
    });
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={queryClient}>
        <StockDialog kind="move" row={row} onClose={onClose} />
      </QueryClientProvider>,
    );
    // Each state shows what the row holds in it.
    await user.selectOptions(screen.getByLabelText('From'), 'Damaged (1)');
    await user.selectOptions(screen.getByLabelText('To'), 'Available (5)');
    const quantity = screen.getByLabelText('Quantity');
    await user.type(quantity, '3');
    expect(screen.getByText('Damaged becomes -2, available 8')).toBeTruthy();
    await user.type(screen.getByLabelText('Reason (kept on the ledger)'), 'repaired');
    await user.click(screen.getByRole('button', { name: 'Move' }));

    const message = await screen.findByText('Only 1 unit is damaged here: move at most 1.');
    expect(quantity.getAttribute('aria-describedby')).toBe(message.id);
    expect(quantity.getAttribute('aria-invalid')).toBe('true');
    expect(onClose).not.toHaveBeenCalled();
    expect(sent).toEqual([
      {
        variantId: 21,
        locationId: 2,
        from: 'damaged',
        to: 'available',
        quantity: 3,
        reason: 'repaired',
      },
    ]);
  });
});

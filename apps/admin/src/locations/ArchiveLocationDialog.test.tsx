// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../testing/fake-api';
import { queryClient } from '../trpc';
import { ArchiveLocationDialog } from './ArchiveLocationDialog';
import { locationInput } from './LocationDialog';

const east = {
  id: 2,
  name: 'East store',
  code: 'EAST',
  country: 'US',
  fulfilsOnline: true,
  priority: 20,
  active: true,
};

afterEach(() => {
  cleanup();
  queryClient.clear();
  vi.unstubAllGlobals();
});

describe('archiving a location', () => {
  it('keeps the STOCK_UNAVAILABLE refusal in the dialog, with a way to its stock', async () => {
    const api = stubApi();
    api.on('admin.locations.archive', () => ({
      error: {
        code: 'CONFLICT',
        httpStatus: 409,
        message:
          'This location still holds or expects stock: transfer it elsewhere before archiving',
        data: { cause: 'STOCK_UNAVAILABLE', details: { locationId: 2 } },
      },
    }));
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>
          <ArchiveLocationDialog location={east} onClose={onClose} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Archive' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('East store cannot be archived yet.');
    expect(alert.textContent).toContain('still holds or expects stock');
    expect(screen.getByRole('link', { name: 'its stock' }).getAttribute('href')).toBe(
      '/inventory?location=2',
    );
    // Focus moves to the message, and archiving again is pointless until stock moves.
    expect(document.activeElement).toBe(alert);
    expect(screen.getByRole('button', { name: 'Archive' }).hasAttribute('disabled')).toBe(true);
    expect(onClose).not.toHaveBeenCalled();
    expect(api.calls).toEqual(['admin.locations.archive']);
  });
});

describe('the location form', () => {
  it('creates with every field, and edits only what changed', () => {
    const form = {
      name: ' East ',
      code: 'east',
      country: 'us',
      fulfilsOnline: false,
      priority: '5',
    };
    expect(locationInput(form, null)).toEqual({
      name: 'East',
      code: 'EAST',
      country: 'US',
      fulfilsOnline: false,
      priority: 5,
    });
    expect(
      locationInput(
        { ...form, name: 'East store', code: 'EAST', country: 'US', priority: '20' },
        east,
      ),
    ).toEqual({ fulfilsOnline: false });
  });
});

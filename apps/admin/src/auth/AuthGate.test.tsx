// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../testing/fake-api';
import { queryClient } from '../trpc';
import { AuthGate } from './AuthGate';

afterEach(() => {
  cleanup();
  queryClient.clear();
  vi.unstubAllGlobals();
});

const gate = () =>
  render(
    <QueryClientProvider client={queryClient}>
      <AuthGate />
    </QueryClientProvider>,
  );

describe('AuthGate', () => {
  it('asks someone not signed in to sign in, and says when the password is wrong', async () => {
    const api = stubApi();
    api.on('auth.me', () => ({ data: null }));
    api.on('auth.login', () => ({
      error: {
        code: 'UNAUTHORIZED',
        httpStatus: 401,
        message: 'Wrong email or password',
        data: { cause: 'INVALID_CREDENTIALS' },
      },
    }));
    const user = userEvent.setup();
    gate();
    await screen.findByRole('heading', { name: 'Sign in to the console' });
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'not it');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That email and password do not match.',
    );
  });

  it('refuses a customer plainly and loads nothing of the console', async () => {
    const api = stubApi();
    api.on('auth.me', () => ({
      data: { id: 5, email: 'shopper@example.com', name: 'Sam', role: 'customer' },
    }));
    gate();
    await screen.findByRole('heading', { name: 'This console is for Stockpulse staff' });
    expect(screen.getByRole('alert').textContent).toContain('shopper@example.com');
    expect(api.calls).toEqual(['auth.me']);
  });

  it('refuses a customer who signs in through the form, too', async () => {
    const api = stubApi();
    let signedIn = false;
    api.on('auth.me', () => ({ data: null }));
    api.on('auth.login', () => {
      signedIn = true;
      return { data: { id: 5, email: 'shopper@example.com', name: 'Sam', role: 'customer' } };
    });
    const user = userEvent.setup();
    gate();
    await user.type(await screen.findByLabelText('Email'), 'shopper@example.com');
    await user.type(screen.getByLabelText('Password'), 'a good password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'This console is for Stockpulse staff' });
    expect(signedIn).toBe(true);
    expect(api.calls.filter((path) => path.startsWith('admin.'))).toEqual([]);
  });

  it('lets a refused customer sign out and back to the sign-in form', async () => {
    const api = stubApi();
    let signedIn = true;
    api.on('auth.me', () => ({
      data: signedIn
        ? { id: 5, email: 'shopper@example.com', name: 'Sam', role: 'customer' }
        : null,
    }));
    api.on('auth.logout', () => {
      signedIn = false;
      return { data: null };
    });
    const user = userEvent.setup();
    gate();
    await user.click(await screen.findByRole('button', { name: 'Sign in as someone else' }));
    await screen.findByRole('heading', { name: 'Sign in to the console' });
    expect(api.calls).toContain('auth.logout');
  });
});

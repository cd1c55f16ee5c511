import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiError, isNetworkError } from './api-error';

/** A client error as httpBatchLink builds it from the server's error envelope. */
function fromServer(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32009, data } });
}

describe('apiError', () => {
  it('reads what the errorFormatter put on error.data, first message per field', () => {
    const error = fromServer('invalid input', {
      code: 'BAD_REQUEST',
      httpStatus: 400,
      cause: null,
      details: null,
      zodError: {
        formErrors: ['Unrecognized key'],
        fieldErrors: { email: ['expected an email address', 'second'], name: undefined },
      },
    });
    expect(apiError(error)).toEqual({
      message: 'invalid input',
      code: 'BAD_REQUEST',
      httpStatus: 400,
      cause: null,
      details: null,
      fieldErrors: { email: 'expected an email address' },
      formErrors: ['Unrecognized key'],
    });
  });

  it('reads a cause and its details', () => {
    const error = fromServer('Order 7 cannot go from delivered to cancelled', {
      code: 'CONFLICT',
      httpStatus: 409,
      cause: 'ILLEGAL_TRANSITION',
      details: { from: 'delivered', to: 'cancelled' },
    });
    expect(apiError(error)).toMatchObject({
      cause: 'ILLEGAL_TRANSITION',
      details: { from: 'delivered', to: 'cancelled' },
    });
  });

  it('reads anything else as a message with nothing from the server', () => {
    expect(apiError(new Error('Failed to fetch'))).toEqual({
      message: 'Failed to fetch',
      code: null,
      httpStatus: null,
      cause: null,
      details: null,
      fieldErrors: {},
      formErrors: [],
    });
    expect(apiError('boom').message).toBe('boom');
  });
});

describe('isNetworkError', () => {
  it('is a fetch that got no answer, never an answer from the server', () => {
    expect(isNetworkError(new TypeError('Failed to fetch'))).toBe(true);
    expect(isNetworkError(new TypeError('NetworkError when attempting to fetch resource.'))).toBe(
      true,
    );
    expect(isNetworkError(new TypeError('Load failed'))).toBe(true);
    expect(isNetworkError(fromServer('fetch refused', { code: 'CONFLICT' }))).toBe(false);
    expect(isNetworkError(new Error('boom'))).toBe(false);
    expect(isNetworkError({ message: 'Failed to fetch' })).toBe(false);
  });
});

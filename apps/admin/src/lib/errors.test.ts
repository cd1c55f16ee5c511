import { apiError } from '@stockpulse/live';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { describeError, isIllegalTransition, stockBelowReservedMessage } from './errors';

/** A client error as httpBatchLink builds it from the server's error envelope. */
function fromServer(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32009, data } });
}

describe('apiError', () => {
  it("reads the cause, details and zod's field errors the server's errorFormatter adds", () => {
    const error = fromServer('invalid input', {
      code: 'BAD_REQUEST',
      httpStatus: 400,
      cause: null,
      details: null,
      zodError: {
        formErrors: [],
        fieldErrors: {
          name: ['Enter a name'],
          priceCents: ['Price must be from $0.01 to $1,000,000.00', 'Not an integer'],
        },
      },
    });
    expect(apiError(error)).toMatchObject({
      code: 'BAD_REQUEST',
      cause: null,
      fieldErrors: {
        name: 'Enter a name',
        priceCents: 'Price must be from $0.01 to $1,000,000.00',
      },
    });
    // The messages name their fields: no API key ("priceCents") in front of them.
    expect(describeError(error)).toBe('Enter a name; Price must be from $0.01 to $1,000,000.00');
  });

  it('recognises a status change someone else made first', () => {
    const conflict = fromServer('Order 7 cannot go from delivered to cancelled', {
      code: 'CONFLICT',
      cause: 'ILLEGAL_TRANSITION',
      details: { from: 'delivered', to: 'cancelled' },
    });
    expect(isIllegalTransition(conflict)).toBe(true);
    expect(isIllegalTransition(new Error('network down'))).toBe(false);
  });

  const belowReserved = (reserved: number, smallestDelta: number) =>
    fromServer('On hand cannot go below what is reserved', {
      code: 'CONFLICT',
      cause: 'STOCK_BELOW_RESERVED',
      details: { productId: 1, onHand: 10, reserved, delta: smallestDelta - 2, smallestDelta },
    });

  it('explains STOCK_BELOW_RESERVED with the smallest change the server allows', () => {
    expect(stockBelowReservedMessage(belowReserved(4, -6))).toBe(
      'At most 6 units can be removed (-6): 4 more units are reserved by open orders.',
    );
    expect(stockBelowReservedMessage(fromServer('x', { cause: 'STOCK_LIMIT' }))).toBeNull();
  });

  it('says so plainly when nothing is reserved, or when everything is', () => {
    expect(stockBelowReservedMessage(belowReserved(0, -5))).toBe(
      'At most 5 units can be removed (-5): that is all there is on hand.',
    );
    expect(stockBelowReservedMessage(belowReserved(3, 0))).toBe(
      'Nothing can be removed: all 3 units on hand are reserved by open orders.',
    );
  });

  it('counts one reserved unit in the singular', () => {
    expect(stockBelowReservedMessage(belowReserved(1, -9))).toBe(
      'At most 9 units can be removed (-9): 1 more unit is reserved by open orders.',
    );
  });

  it('says what a refusal means when the server gave no field errors', () => {
    expect(describeError(fromServer('UNAUTHORIZED', { code: 'UNAUTHORIZED' }))).toBe(
      'Your session has ended: sign in again.',
    );
    expect(describeError(new Error('Failed to fetch'))).toBe('Failed to fetch');
  });
});

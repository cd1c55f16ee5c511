import { describe, expect, it } from 'vitest';
import { describePlaceError } from './place-errors';

/** What TRPCClientError carries for a refused call (see DESIGN §7). */
const refused = (data: Record<string, unknown>) =>
  Object.assign(new Error('refused'), { data: { httpStatus: 409, ...data } });

describe('describePlaceError', () => {
  it('pins OUT_OF_STOCK to each short line, with what is left as the fix', () => {
    const problem = describePlaceError(
      refused({
        code: 'CONFLICT',
        cause: 'OUT_OF_STOCK',
        details: {
          items: [
            { productId: 4, variantId: 40, name: 'Fern', requested: 3, available: 1 },
            { productId: 9, variantId: 90, name: 'Lamp', requested: 2, available: 0 },
          ],
        },
      }),
    );
    expect(problem.message).toMatch(/sold out while you were checking out/);
    // Pinned to the variant's line, and to a line of the product saved without a variant.
    for (const key of ['v40', 'p4']) {
      expect(problem.lines.get(key)).toEqual({
        message: 'Only 1 left: we couldn’t reserve 3',
        fixQuantity: 1,
      });
    }
    expect(problem.lines.get('v90')).toEqual({
      message: 'Sold out: there are none left',
      fixQuantity: 0,
    });
    expect(problem.lines.size).toBe(4);
  });

  it('marks products no longer sold for removal', () => {
    const problem = describePlaceError(
      refused({
        code: 'BAD_REQUEST',
        cause: 'PRODUCT_UNAVAILABLE',
        details: { items: [{ productId: 5, name: null }] },
      }),
    );
    expect(problem.lines.get('p5')).toEqual({ message: 'No longer sold', fixQuantity: 0 });
  });

  it('explains a price change with the new total and asks for fresh prices', () => {
    const problem = describePlaceError(
      refused({
        code: 'CONFLICT',
        cause: 'PRICE_CHANGED',
        details: { expectedTotalCents: 4_900, totalCents: 5_300 },
      }),
    );
    expect(problem.message).toContain('the total is now $53.00');
    expect(problem.action).toBe('refreshPrices');
  });

  it('asks for an address when there is none to ship to', () => {
    const problem = describePlaceError(
      refused({ code: 'BAD_REQUEST', cause: 'SHIPPING_ADDRESS_REQUIRED', details: {} }),
    );
    expect(problem.message).toBe('Add a shipping address to place the order.');
    expect(problem.action).toBe('showAddress');
  });

  it('starts a new attempt when the server refuses a reused key', () => {
    const problem = describePlaceError(
      refused({ code: 'CONFLICT', cause: 'IDEMPOTENCY_KEY_REUSED', details: { orderId: 3 } }),
    );
    expect(problem.action).toBe('newAttempt');
  });

  it('sends a signed-out shopper to sign in', () => {
    const problem = describePlaceError(refused({ code: 'UNAUTHORIZED', httpStatus: 401 }));
    expect(problem.action).toBe('signIn');
  });

  it('puts the server’s field errors on the fields', () => {
    const problem = describePlaceError(
      refused({
        code: 'BAD_REQUEST',
        httpStatus: 400,
        cause: null,
        zodError: { formErrors: [], fieldErrors: { shippingAddress: ['Invalid input'] } },
      }),
    );
    expect(problem.fields).toEqual({ shippingAddress: 'Invalid input' });
  });

  it('says plainly when the shop could not be reached, and that a retry is safe', () => {
    expect(describePlaceError(new TypeError('Failed to fetch')).message).toMatch(
      /couldn’t reach the shop/,
    );
    expect(describePlaceError(refused({ code: 'INTERNAL_SERVER_ERROR' })).message).toMatch(
      /never creates a second order/,
    );
  });
});

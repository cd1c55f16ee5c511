import { describe, expect, it } from 'vitest';
import { errorCause, errorData } from './errors';

/** What a tRPC client error carries for a refused call (the API's errorFormatter). */
const refused = (data: Record<string, unknown>) =>
  Object.assign(new Error('refused'), { data: { code: 'CONFLICT', httpStatus: 409, ...data } });

describe('reading a refused call', () => {
  it('reads the cause and details off error.data', () => {
    const error = refused({ cause: 'OUT_OF_STOCK', details: { items: [] } });
    expect(errorCause(error)).toBe('OUT_OF_STOCK');
    expect(errorData(error)).toMatchObject({ httpStatus: 409, details: { items: [] } });
  });

  it('has no cause for an error the API did not answer, or answered without one', () => {
    expect(errorCause(refused({ cause: null }))).toBeNull();
    expect(errorCause(new Error('Failed to fetch'))).toBeNull();
    expect(errorCause('boom')).toBeNull();
    expect(errorCause(undefined)).toBeNull();
    expect(errorData({ data: null })).toEqual({});
  });
});

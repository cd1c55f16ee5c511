import { describe, expect, it } from 'vitest';
import { cancelMoneyNote } from './money-note';

describe('cancelMoneyNote', () => {
  it('is a refund once the payment is captured, a smaller charge before', () => {
    expect(cancelMoneyNote(2500, { paymentStatus: 'paid' })).toBe(
      "This refunds $25.00 to the customer's card.",
    );
    expect(cancelMoneyNote(2500, { paymentStatus: 'partially_refunded' })).toMatch(/^This refunds/);
    expect(cancelMoneyNote(2500, { paymentStatus: 'authorized', shipments: [{}] })).toBe(
      'The card is charged $25.00 less.',
    );
  });

  it('without a paymentStatus, takes the first parcel as the capture', () => {
    expect(cancelMoneyNote(100, { shipments: [] })).toBe('The card is charged $1.00 less.');
    expect(cancelMoneyNote(100, { shipments: [{}] })).toMatch(/^This refunds \$1\.00/);
  });

  it('says nothing is given back for no units', () => {
    expect(cancelMoneyNote(0, { paymentStatus: 'paid' })).toMatch(/^Nothing/);
  });
});

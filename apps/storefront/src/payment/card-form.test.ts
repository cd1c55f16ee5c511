import { TEST_CARDS } from '@stockpulse/shared';
import { describe, expect, it } from 'vitest';
import { readCard, typedBrand } from './card-form';

const now = new Date('2026-12-03T12:00:00Z');

describe('readCard', () => {
  it('reads a good card into what the tokenizer takes', () => {
    expect(readCard({ number: '4242 4242 4242 4242', expiry: '12/28', cvc: '123' }, now)).toEqual({
      ok: true,
      card: { number: TEST_CARDS.success, expMonth: 12, expYear: 2028, cvc: '123' },
    });
  });

  it('names every field that is wrong', () => {
    expect(readCard({ number: '', expiry: '', cvc: '' }, now)).toEqual({
      ok: false,
      fields: {
        number: 'Enter your card number.',
        expiry: 'Enter the expiry date as MM/YY.',
        cvc: 'Enter the 3-digit security code.',
      },
    });
    expect(readCard({ number: '4242 4242 4242 4241', expiry: '11/26', cvc: '123' }, now)).toEqual({
      ok: false,
      fields: { number: 'Enter a valid card number.', expiry: 'This card has expired.' },
    });
  });

  it('names the brand as the digits come', () => {
    expect(typedBrand('4')).toBe('Visa');
    expect(typedBrand('37')).toBe('American Express');
    expect(typedBrand('9')).toBeNull();
  });
});

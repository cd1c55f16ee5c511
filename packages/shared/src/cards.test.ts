import { describe, expect, it } from 'vitest';
import {
  cardBrand,
  cardProblems,
  formatCardNumber,
  formatExpiry,
  luhnValid,
  parseExpiry,
} from './cards';
import { TEST_CARDS } from './payments';

const now = new Date('2026-12-03T12:00:00Z');

describe('card numbers', () => {
  it('passes every test card and fails a typo through the Luhn check', () => {
    for (const number of Object.values(TEST_CARDS)) expect(luhnValid(number), number).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('42')).toBe(false);
  });

  it('names the brand from the first digits', () => {
    expect(cardBrand('4242')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2223003122003222')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('9')).toBe('unknown');
  });

  it('groups digits as a shopper reads them, and stops at the brand’s length', () => {
    expect(formatCardNumber('4242424242424242999')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('4242-42')).toBe('4242 42');
    expect(formatCardNumber('378282246310005')).toBe('3782 822463 10005');
  });

  it('formats and reads an expiry', () => {
    expect(formatExpiry('1')).toBe('1');
    expect(formatExpiry('4')).toBe('04');
    expect(formatExpiry('1228')).toBe('12/28');
    expect(parseExpiry('12/28')).toEqual({ month: 12, year: 2028 });
    expect(parseExpiry('12/2028')).toEqual({ month: 12, year: 2028 });
    expect(parseExpiry('13/28')).toBeNull();
  });

  it('names each problem of a card, and none of a good one', () => {
    expect(
      cardProblems({ number: TEST_CARDS.success, expMonth: 12, expYear: 2026, cvc: '123' }, now),
    ).toEqual({});
    expect(
      cardProblems({ number: '4242 4242 4242 4241', expMonth: 11, expYear: 2026, cvc: '12' }, now),
    ).toEqual({
      number: 'Enter a valid card number.',
      expYear: 'This card has expired.',
      cvc: 'Enter the 3-digit security code.',
    });
    expect(
      cardProblems({ number: '378282246310005', expMonth: 1, expYear: 2030, cvc: '123' }, now).cvc,
    ).toBe('Enter the 4-digit security code.');
  });
});

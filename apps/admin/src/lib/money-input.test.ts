import { formatCents } from '@stockpulse/shared/money';
import { describe, expect, it } from 'vitest';
import { centsToInput, checkRefundAmount, parseDollars } from './money-input';

describe('parseDollars', () => {
  it('reads dollars and cents as typed', () => {
    expect(parseDollars('12')).toBe(1200);
    expect(parseDollars('12.5')).toBe(1250);
    expect(parseDollars(' $1,299.99 ')).toBe(129_999);
    expect(parseDollars('0.07')).toBe(7);
    expect(parseDollars('.5')).toBe(50);
    expect(parseDollars('3.')).toBe(300);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', ' ', '-5', '1.999', 'abc', '12,5.0.1', '1e3', '$', '.']) {
      expect(parseDollars(text), text).toBeNull();
    }
  });

  it('round-trips the text it fills in', () => {
    expect(centsToInput(1250)).toBe('12.50');
    expect(parseDollars(centsToInput(129_999))).toBe(129_999);
  });
});

describe('checkRefundAmount', () => {
  it('allows from one cent up to what is refundable', () => {
    expect(checkRefundAmount('25', 2500, formatCents)).toEqual({ cents: 2500, error: null });
    expect(checkRefundAmount('25.01', 2500, formatCents)).toEqual({
      cents: null,
      error: 'At most $25.00 can be refunded',
    });
    expect(checkRefundAmount('0', 2500, formatCents).error).toBe('Enter an amount above $0.00');
    expect(checkRefundAmount('ten', 2500, formatCents).error).toMatch(/^Enter an amount/);
    expect(checkRefundAmount('1', 0, formatCents).error).toBe('Nothing is left to refund');
  });
});

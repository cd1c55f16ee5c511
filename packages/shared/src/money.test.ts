import { describe, expect, it } from 'vitest';
import { formatCents, parseCents } from './money';

describe('money', () => {
  it('shows cents as US dollars', () => {
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(formatCents(5)).toBe('$0.05');
  });

  it('reads dollars typed into a field as cents, or refuses them', () => {
    expect(parseCents('12.34')).toBe(1234);
    expect(parseCents(' 12 ')).toBe(1200);
    expect(parseCents('0.5')).toBe(50);
    expect(parseCents('12.345')).toBeNull();
    expect(parseCents('-1')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { addressField, emailField, nameField, newPasswordField, phoneField } from './account';

describe('account field schemas', () => {
  it('trims and lowercases an email, and refuses what is not one', () => {
    expect(emailField.parse('  Ann@Example.COM ')).toBe('ann@example.com');
    for (const bad of ['', 'ann', 'ann@', '@example.com', `${'a'.repeat(250)}@example.com`]) {
      expect(emailField.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('trims a name to 1–100 characters', () => {
    expect(nameField.parse('  Ann Lee ')).toBe('Ann Lee');
    expect(nameField.safeParse('   ').success).toBe(false);
    expect(nameField.safeParse('n'.repeat(101)).success).toBe(false);
    expect(nameField.safeParse('n'.repeat(100)).success).toBe(true);
  });

  it('normalises a phone number to + and 7–15 digits', () => {
    expect(phoneField.parse(' +1 415-555-2671 ')).toBe('+14155552671');
    expect(phoneField.parse('+4930123')).toBe('+4930123');
    for (const bad of ['4155552671', '+123456', '+1234567890123456', '+1 (415) 555', '+1-x-2']) {
      expect(phoneField.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('checks an address field by field, uppercasing the country', () => {
    const ok = { line1: ' 1 Main St ', city: 'Leeds', postalCode: 'LS1 1AA', country: 'gb' };
    expect(addressField.parse(ok)).toEqual({
      line1: '1 Main St',
      city: 'Leeds',
      postalCode: 'LS1 1AA',
      country: 'GB',
    });
    expect(addressField.parse({ ...ok, line2: ' ', region: 'West Yorkshire' })).toMatchObject({
      line2: null,
      region: 'West Yorkshire',
    });
    for (const bad of [
      { ...ok, line1: '' },
      { ...ok, city: 'c'.repeat(81) },
      { ...ok, postalCode: '' },
      { ...ok, country: 'GBR' },
      { ...ok, country: '1A' },
      { ...ok, region: 'r'.repeat(81) },
      { ...ok, extra: true },
    ]) {
      expect(addressField.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('wants a new password of 10–200 characters, untrimmed', () => {
    expect(newPasswordField.parse('  ten chars ')).toBe('  ten chars ');
    expect(newPasswordField.safeParse('nine char').success).toBe(false);
    expect(newPasswordField.safeParse('p'.repeat(201)).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { addressField } from './account';
import { COUNTRY_CODES, countryField } from './countries';
import { shippingAddressSchema } from './orders';

describe('countryField', () => {
  it('takes assigned ISO 3166-1 codes in any case', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(countryField.parse(' gb ')).toBe('GB');
    expect(countryField.parse('US')).toBe('US');
    expect(countryField.parse('AX')).toBe('AX');
  });

  it('refuses ZZ and other unassigned codes, saying why', () => {
    for (const code of ['ZZ', 'XK', 'EU', 'UK']) {
      const result = countryField.safeParse(code);
      expect(result.success, code).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        `${code} is not a country code (ISO 3166-1): pick a country from the list`,
      );
    }
    expect(countryField.safeParse('GBR').error?.issues[0]?.message).toBe(
      'expected a two-letter ISO 3166-1 country code, e.g. GB',
    );
  });

  it('guards both the account address and the shipping address', () => {
    const address = { line1: '1 Main St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'ZZ' };
    expect(addressField.safeParse(address).error?.issues[0]).toMatchObject({
      path: ['country'],
      message: expect.stringMatching(/^ZZ is not a country code/),
    });
    expect(
      shippingAddressSchema.safeParse({ ...address, name: 'Robin' }).error?.issues[0],
    ).toMatchObject({ path: ['country'], message: expect.stringMatching(/^ZZ is not/) });
    expect(shippingAddressSchema.parse({ ...address, name: 'Robin', country: 'gb' }).country).toBe(
      'GB',
    );
  });
});

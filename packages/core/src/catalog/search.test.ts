import { describe, expect, it } from 'vitest';
import { searchCondition, searchTerms } from './search';

describe('catalog search terms', () => {
  it('keeps letters and digits only, lowercased and deduplicated', () => {
    expect(searchTerms('+Kettle* -"copper" (USB-C) kettle ~<>@')).toEqual([
      'kettle',
      'copper',
      'usb',
      'c',
    ]);
    expect(searchTerms('Café 4K')).toEqual(['café', '4k']);
    expect(searchTerms('*** +- ""')).toEqual([]);
  });

  it('caps the number of words', () => {
    expect(searchTerms('a1 b2 c3 d4 e5 f6 g7 h8 i9 j10')).toHaveLength(8);
  });

  it('has no condition for text without words', () => {
    expect(searchCondition('  +-*  ')).toBeNull();
    expect(searchCondition('kettle')).not.toBeNull();
  });
});

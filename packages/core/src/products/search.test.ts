import { describe, expect, it } from 'vitest';
import { catalogSearchTerms, searchTerms } from './search';

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

  it('lowercases as the index does and cuts words to its column', () => {
    expect(searchTerms('İSTANBUL ΟΔΟΣ')).toEqual(['istanbul', 'οδοσ']);
    expect(searchTerms('x'.repeat(40))).toEqual(['x'.repeat(32)]);
  });

  it('leaves stopwords out unless there is nothing else', () => {
    expect(catalogSearchTerms('mug for the tea')).toEqual(['mug', 'tea']);
    expect(catalogSearchTerms('the')).toEqual(['the']);
  });

  it('has no terms for text without words', () => {
    expect(catalogSearchTerms('  +-*  ')).toBeNull();
    expect(catalogSearchTerms('kettle')).toEqual(['kettle']);
  });
});

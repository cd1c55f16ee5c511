import { describe, expect, it } from 'vitest';
import { plural, pluralForm } from './plural';

describe('plural', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(1, 'item')).toBe('1 item');
    expect(plural(1, 'unit')).toBe('1 unit');
  });

  it('uses the plural for zero, many and fractions', () => {
    expect(plural(0, 'item')).toBe('0 items');
    expect(plural(2, 'unit')).toBe('2 units');
    expect(plural(1.5, 'minute')).toBe('1.5 minutes');
  });

  it('groups thousands and takes an irregular plural', () => {
    expect(plural(1200, 'unit')).toBe('1,200 units');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
  });

  it('gives the form alone, for verbs that agree with a count', () => {
    expect(pluralForm(1, 'is', 'are')).toBe('is');
    expect(pluralForm(4, 'is', 'are')).toBe('are');
  });
});

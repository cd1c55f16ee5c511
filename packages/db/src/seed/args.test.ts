import { describe, expect, it } from 'vitest';
import { parseSeedArgs } from './args';

describe('parseSeedArgs', () => {
  it('returns nothing for no flags, so the defaults apply', () => {
    expect(parseSeedArgs([])).toEqual({});
  });

  it('reads every size flag, as "--flag N" or "--flag=N"', () => {
    expect(
      parseSeedArgs([
        '--products',
        '100000',
        '--orders=1000000',
        '--customers',
        '5000',
        '--days',
        '30',
        '--seed=7',
      ]),
    ).toEqual({ products: 100_000, orders: 1_000_000, customers: 5000, days: 30, seed: 7 });
  });

  it('accepts underscores as digit separators and zero orders', () => {
    expect(parseSeedArgs(['--orders', '1_000_000'])).toEqual({ orders: 1_000_000 });
    expect(parseSeedArgs(['--orders', '0'])).toEqual({ orders: 0 });
  });

  it.each([
    [
      ['--products', 'many'],
      /--products must be a whole number from 1 to 10,000,000 \(got "many"\)/,
    ],
    [['--products', '0'], /--products must be a whole number from 1/],
    [['--orders', '-5'], /--orders must be a whole number from 0/],
    [['--orders', '1.5'], /--orders must be a whole number/],
    [['--days', '4000'], /--days must be a whole number from 1 to 3,650/],
    [['--seed', '4294967296'], /--seed must be a whole number from 0 to 4,294,967,295/],
    [['--customers', ''], /--customers must be a whole number/],
    [['--products'], /--products needs a value/],
    [['--products', '--orders', '5'], /--products needs a value/],
    [['--prodcts', '5'], /Unknown flag --prodcts/],
    [['products', '5'], /Unexpected argument "products"/],
    [['--days', '3', '--days', '4'], /--days is given twice/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(message);
  });
});

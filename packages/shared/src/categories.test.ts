import { describe, expect, it } from 'vitest';
import { categoryPathLabel, categorySlug } from './categories';

describe('categorySlug', () => {
  it('spells a name in lowercase ASCII words joined by dashes', () => {
    expect(categorySlug('Toys & Games')).toBe('toys-and-games');
    expect(categorySlug('  Café Crème ')).toBe('cafe-creme');
    expect(categorySlug('Home Decor')).toBe('home-decor');
    expect(categorySlug('4K TVs / Monitors')).toBe('4k-tvs-monitors');
  });

  it('falls back to "category" for a name without letters or digits', () => {
    expect(categorySlug('***')).toBe('category');
  });

  it('keeps slugs within 64 characters', () => {
    expect(categorySlug('a'.repeat(64)).length).toBe(64);
  });
});

describe('categoryPathLabel', () => {
  it('joins a path with a chevron', () => {
    expect(categoryPathLabel(['Home & Living', 'Kitchen'])).toBe('Home & Living › Kitchen');
  });
});

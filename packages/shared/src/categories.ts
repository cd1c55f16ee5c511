import slugify from 'slugify';

/** The longest category name (categories.name, products.category). */
export const CATEGORY_NAME_MAX = 64;

/**
 * A category's slug from its name: "Toys & Games" → "toys-and-games", "Café" → "cafe";
 * "category" for a name with no letters or digits. Slugs are unique (core adds "-2", "-3"
 * on a collision) and stay as they are on a rename unless staff ask for a new one.
 */
export function categorySlug(name: string): string {
  const slug = slugify(name, { lower: true, strict: true, trim: true });
  return slug.slice(0, 64).replace(/-+$/, '') || 'category';
}

/** A category as one line, under its ancestors: "Home & Living › Kitchen". */
export const categoryPathLabel = (path: readonly string[]) => path.join(' › ');

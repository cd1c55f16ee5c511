/**
 * The catalog CSV (DESIGN §11; docs/csv.md is the staff's copy): one row per variant,
 * the rows of a product grouped by `product_sku`. The import reads it and the products
 * export writes it, from these names, so an export re-imports as a no-op.
 */

/** How many option name/value column pairs a row has (VARIANT_LIMITS.options). */
export const OPTION_COLUMNS = 3;

/** A location's on-hand column: `stock:MAIN`. */
export const STOCK_PREFIX = 'stock:';

/** The product's own columns, the same on each of its rows (blank on the later ones is fine). */
export const PRODUCT_COLUMNS = ['product_sku', 'name', 'category', 'description'] as const;

export const optionColumns = (n: number) => [`option${n}_name`, `option${n}_value`] as const;

/** The variant's columns after the options; `price_cents` may stand for `price`. */
export const VARIANT_COLUMNS = ['sku', 'price', 'active'] as const;

/** Every column a file may have but the stock ones. */
export const KNOWN_COLUMNS: ReadonlySet<string> = new Set([
  ...PRODUCT_COLUMNS,
  ...Array.from({ length: OPTION_COLUMNS }, (_, i) => optionColumns(i + 1)).flat(),
  ...VARIANT_COLUMNS,
  'price_cents',
]);

/** The header the export writes: every column, then one stock column per location code. */
export function exportHeader(locationCodes: readonly string[]): string[] {
  return [
    ...PRODUCT_COLUMNS,
    ...Array.from({ length: OPTION_COLUMNS }, (_, i) => optionColumns(i + 1)).flat(),
    ...VARIANT_COLUMNS,
    ...locationCodes.map((code) => `${STOCK_PREFIX}${code}`),
  ];
}

/** Cents as the file writes them: `12.5` dollars is `12.50`. */
export const formatPrice = (cents: number) =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

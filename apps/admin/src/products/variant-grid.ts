import { parseCents } from '@stockpulse/shared/money';

/**
 * A new product's options and the variants generated from them (DESIGN §11), as typed:
 * an option's values are one comma-separated text; each combination of values is a row
 * with its SKU, price and opening stock per location. A row's empty SKU or price takes
 * the one suggested from the product's SKU and price.
 */
export interface OptionDraft {
  name: string;
  values: string;
}

export interface VariantDraft {
  sku: string;
  price: string;
  /** Opening stock by location id, as typed. */
  stock: Record<number, string>;
}

export interface VariantsDraft {
  options: OptionDraft[];
  /** By combination (`variantKey`), so a row keeps what was typed while options change. */
  rows: Record<string, VariantDraft>;
}

export const EMPTY_VARIANTS: VariantsDraft = { options: [], rows: {} };

export interface OptionSpec {
  name: string;
  values: string[];
}

/** "S, M , L,, m" → ["S", "M", "L", "m"]: trimmed, empties dropped, each value once. */
export function parseValues(text: string): string[] {
  return [...new Set(text.split(',').map((value) => value.trim()))].filter(Boolean);
}

/** The options that say something: a name and at least one value. */
export function definedOptions(options: readonly OptionDraft[]): OptionSpec[] {
  return options
    .map((option) => ({ name: option.name.trim(), values: parseValues(option.values) }))
    .filter((option) => option.name !== '' && option.values.length > 0);
}

/** Every combination of the options' values, the first option varying slowest. */
export function combinations(options: readonly OptionSpec[]): Record<string, string>[] {
  if (options.length === 0) return [];
  return options.reduce<Record<string, string>[]>(
    (combos, option) =>
      combos.flatMap((combo) => option.values.map((value) => ({ ...combo, [option.name]: value }))),
    [{}],
  );
}

/** "M / Red": the combination's values in option order (the server's variant title). */
export const variantKey = (options: readonly OptionSpec[], combo: Record<string, string>) =>
  options.map((option) => combo[option.name]).join(' / ');

/** "TEE-M-RED" from the product's SKU and the values: letters and digits, dashes between. */
export function suggestedSku(base: string, values: readonly string[]): string {
  const part = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toUpperCase();
  return [base.trim(), ...values].map(part).filter(Boolean).join('-');
}

export const EMPTY_ROW: VariantDraft = { sku: '', price: '', stock: {} };

const wholeOrNaN = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/**
 * The `options` and `variants` of `admin.products.create`, or null for a simple product
 * (no option defined). An unreadable price or quantity goes as NaN for the server to
 * name; empty opening stock is none.
 */
export function variantsInput(
  draft: VariantsDraft,
  product: { sku: string; price: string },
  locationIds: readonly number[],
) {
  const options = definedOptions(draft.options);
  if (options.length === 0) return null;
  const variants = combinations(options).map((combo) => {
    const key = variantKey(options, combo);
    const row = draft.rows[key] ?? EMPTY_ROW;
    const price = row.price.trim() === '' ? product.price : row.price;
    const stock = locationIds
      .map((locationId) => ({ locationId, text: (row.stock[locationId] ?? '').trim() }))
      .filter(({ text }) => text !== '' && text !== '0')
      .map(({ locationId, text }) => ({ locationId, quantity: wholeOrNaN(text) }));
    return {
      sku: row.sku.trim() || suggestedSku(product.sku, Object.values(combo)),
      options: combo,
      priceCents: parseCents(price) ?? Number.NaN,
      ...(stock.length > 0 ? { stock } : {}),
    };
  });
  return { options, variants };
}

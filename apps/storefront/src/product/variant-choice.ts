/**
 * Choosing a variant by its options (DESIGN §11), with no React: which variant a choice
 * names, which values can still be bought given the others chosen, and where to start.
 */

export interface PickOption {
  name: string;
  values: string[];
}

export interface PickVariant {
  id: number;
  options: Record<string, string>;
  available: number;
}

export type Choice = Record<string, string>;

/** The variant with exactly these values, if the shop sells that combination. */
export function variantFor<V extends PickVariant>(
  variants: readonly V[],
  options: readonly PickOption[],
  choice: Choice,
): V | undefined {
  return variants.find((variant) =>
    options.every((option) => variant.options[option.name] === choice[option.name]),
  );
}

/** How a value of an option stands, the other options as chosen. */
export type ValueState = 'available' | 'soldOut' | 'missing';

export function valueState(
  variants: readonly PickVariant[],
  options: readonly PickOption[],
  choice: Choice,
  option: string,
  value: string,
): ValueState {
  const variant = variantFor(variants, options, { ...choice, [option]: value });
  if (!variant) return 'missing';
  return variant.available > 0 ? 'available' : 'soldOut';
}

/**
 * Where the picker starts: the variant asked for (`?variant=`), else the first that can
 * be bought, else the first.
 */
export function initialChoice(
  variants: readonly PickVariant[],
  wanted: number | null,
): Choice | null {
  const start =
    variants.find((variant) => variant.id === wanted) ??
    variants.find((variant) => variant.available > 0) ??
    variants[0];
  return start ? { ...start.options } : null;
}

/**
 * The choice after picking `value` of `option`: the others kept when that combination is
 * sold; else the closest one that is, the first with `value` that can be bought (else the
 * first with it), so a click never lands on nothing.
 */
export function chooseValue(
  variants: readonly PickVariant[],
  options: readonly PickOption[],
  choice: Choice,
  option: string,
  value: string,
): Choice {
  const next = { ...choice, [option]: value };
  if (variantFor(variants, options, next)) return next;
  const withValue = variants.filter((variant) => variant.options[option] === value);
  const best = withValue.find((variant) => variant.available > 0) ?? withValue[0];
  return best ? { ...best.options } : next;
}

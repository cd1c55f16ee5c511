/**
 * Counted nouns for every front: "1 item", "2 items", "1,200 units". Through
 * Intl.PluralRules, so the choice of form is the locale's rule, not `n === 1`, and one
 * place knows it. Its own entry point (`@stockpulse/shared/plural`) so the storefront's
 * first load gets this without the zod schemas of the package's index.
 */
const rules = new Intl.PluralRules('en-US');
const integer = new Intl.NumberFormat('en-US');

/** The noun's form for `n`: `pluralForm(1, 'item')` is "item", `pluralForm(3, 'item')` "items". */
export function pluralForm(n: number, one: string, other = `${one}s`): string {
  return rules.select(n) === 'one' ? one : other;
}

/** The count and its noun: `plural(1, 'unit')` is "1 unit", `plural(1200, 'unit')` "1,200 units". */
export function plural(n: number, one: string, other = `${one}s`): string {
  return `${integer.format(n)} ${pluralForm(n, one, other)}`;
}

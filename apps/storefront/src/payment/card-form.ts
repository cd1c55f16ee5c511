import {
  type CardInput,
  cardBrand,
  cardDigits,
  cardProblems,
  parseExpiry,
} from '@stockpulse/shared/cards';

/** The card inputs as typed (formatted as one types; see CardFields). */
export interface CardForm {
  number: string;
  expiry: string;
  cvc: string;
}

export const emptyCard: CardForm = { number: '', expiry: '', cvc: '' };

export type CardFieldErrors = Partial<Record<keyof CardForm, string>>;

/**
 * The card to tokenize, or what is wrong with each field in a shopper's words: the same
 * checks the provider's tokenizer makes, so a bad number never leaves the page.
 */
export function readCard(
  form: CardForm,
  now = new Date(),
): { ok: true; card: CardInput } | { ok: false; fields: CardFieldErrors } {
  const expiry = parseExpiry(form.expiry);
  const card: CardInput = {
    number: cardDigits(form.number),
    expMonth: expiry?.month ?? 0,
    expYear: expiry?.year ?? 0,
    cvc: form.cvc.trim(),
  };
  const problems = cardProblems(card, now);
  const fields: CardFieldErrors = {};
  if (!card.number) fields.number = 'Enter your card number.';
  else if (problems.number) fields.number = problems.number;
  if (!expiry) fields.expiry = 'Enter the expiry date as MM/YY.';
  else if (problems.expMonth ?? problems.expYear)
    fields.expiry = problems.expMonth ?? problems.expYear;
  if (problems.cvc) fields.cvc = problems.cvc;
  return Object.keys(fields).length === 0 ? { ok: true, card } : { ok: false, fields };
}

const BRAND_NAMES: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
};

/** `visa` → `Visa`, as the card form and order pages name a card. */
export const brandName = (brand: string) => BRAND_NAMES[brand] ?? 'Card';

/** The brand the typed digits name so far, or null before they name one. */
export function typedBrand(number: string): string | null {
  const brand = cardBrand(cardDigits(number));
  return brand === 'unknown' ? null : brandName(brand);
}

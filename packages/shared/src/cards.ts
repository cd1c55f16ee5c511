/**
 * Card numbers as a shopper types them (browser-safe): the checkout form formats and
 * checks them with these, and the simulated provider's tokenizer checks them again.
 * Nothing here stores or logs a number.
 */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown';

/** The digits of what was typed, spaces and dashes dropped. */
export const cardDigits = (input: string): string => input.replace(/\D/g, '');

/** The Luhn checksum every real card number passes. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The brand a number's first digits name (enough of them as the shopper types). */
export function cardBrand(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return 'mastercard';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  return 'unknown';
}

/** How many digits a brand's numbers have (the longest accepted) and its CVC's. */
export const CARD_LENGTH: Record<CardBrand, number> = {
  visa: 16,
  mastercard: 16,
  amex: 15,
  discover: 16,
  unknown: 19,
};
export const CVC_LENGTH: Record<CardBrand, number> = {
  visa: 3,
  mastercard: 3,
  amex: 4,
  discover: 3,
  unknown: 3,
};

/** `4242424242424242` → `4242 4242 4242 4242`; amex as 4-6-5. At most the brand's length. */
export function formatCardNumber(input: string): string {
  const brand = cardBrand(cardDigits(input));
  const digits = cardDigits(input).slice(0, CARD_LENGTH[brand]);
  const groups = brand === 'amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

/** `1`, `12`, `126` → `1`, `12/`, `12/6`: what the expiry field shows as one types MM/YY. */
export function formatExpiry(input: string): string {
  let digits = cardDigits(input).slice(0, 4);
  if (digits.length === 1 && Number(digits) > 1) digits = `0${digits}`;
  return digits.length <= 2 ? digits : `${digits.slice(0, 2)}/${digits.slice(2)}`;
}

/** `MM/YY` or `MM/YYYY` → month and four-digit year, or null when it is not a date. */
export function parseExpiry(input: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

/** A card stays valid through the last day of its expiry month. */
export function expiryInFuture(month: number, year: number, now = new Date()): boolean {
  return (
    year > now.getUTCFullYear() || (year === now.getUTCFullYear() && month >= now.getUTCMonth() + 1)
  );
}

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** What is wrong with a card, field by field, in a shopper's words; empty when nothing. */
export function cardProblems(
  card: CardInput,
  now = new Date(),
): Partial<Record<keyof CardInput, string>> {
  const problems: Partial<Record<keyof CardInput, string>> = {};
  const digits = cardDigits(card.number);
  const brand = cardBrand(digits);
  if (!luhnValid(digits) || (brand !== 'unknown' && digits.length !== CARD_LENGTH[brand])) {
    problems.number = 'Enter a valid card number.';
  }
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) {
    problems.expMonth = 'Enter the expiry as MM/YY.';
  } else if (!expiryInFuture(card.expMonth, card.expYear, now)) {
    problems.expYear = 'This card has expired.';
  }
  if (!new RegExp(`^\\d{${CVC_LENGTH[brand]}}$`).test(card.cvc)) {
    problems.cvc = `Enter the ${CVC_LENGTH[brand]}-digit security code.`;
  }
  return problems;
}

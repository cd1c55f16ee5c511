/**
 * Dollars as typed in a money box ("12", "12.5", "$1,299.99") to whole cents, or null
 * when it is not an amount: more than two decimals, a sign, letters, nothing at all.
 */
export function parseDollars(text: string): number | null {
  const cleaned = text.trim().replace(/^\$/, '').replaceAll(',', '').trim();
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned) ?? /^()\.(\d{1,2})$/.exec(cleaned);
  if (!match) return null;
  const cents = Number(match[1] || '0') * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents as a money box's text ("12.50"): no symbol and no separators, so it parses back. */
export const centsToInput = (cents: number) => (cents / 100).toFixed(2);

/**
 * A refund amount as typed, checked against what may be refunded: the cents to send, or
 * the sentence the field shows.
 */
export function checkRefundAmount(
  text: string,
  refundableCents: number,
  format: (cents: number) => string,
): { cents: number; error: null } | { cents: null; error: string } {
  const cents = parseDollars(text);
  if (cents === null) return { cents: null, error: 'Enter an amount in dollars, like 12.50' };
  if (cents <= 0) return { cents: null, error: 'Enter an amount above $0.00' };
  if (cents > refundableCents) {
    return {
      cents: null,
      error:
        refundableCents <= 0
          ? 'Nothing is left to refund'
          : `At most ${format(refundableCents)} can be refunded`,
    };
  }
  return { cents, error: null };
}

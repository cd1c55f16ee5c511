/**
 * Money after the order (DESIGN §12): the order's financial status, kept apart from its
 * fulfilment status as the established platforms keep them, the payment attempts behind
 * it, refunds, and the simulated provider's test cards.
 */

/** `orders.payment_status`: what the order's payments add up to. */
export const PAYMENT_STATUSES = [
  'awaiting_payment',
  'authorized',
  'paid',
  'partially_refunded',
  'refunded',
  'voided',
  'failed',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * One attempt to pay (`payments.status`): `pending` until the `orders` job asks the
 * provider, then `authorized` or `declined`; an authorization is later `captured` (the
 * first shipment, or at once) or `voided` (the order was cancelled before capture).
 */
export const PAYMENT_ATTEMPT_STATUSES = [
  'pending',
  'authorized',
  'captured',
  'declined',
  'voided',
] as const;
export type PaymentAttemptStatus = (typeof PAYMENT_ATTEMPT_STATUSES)[number];

/** Why a provider said no; a shopper sees it on the checkout page. */
export const DECLINE_CODES = [
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'processing_error',
] as const;
export type DeclineCode = (typeof DECLINE_CODES)[number];

/** What a shopper reads for each decline code. */
export const DECLINE_MESSAGES: Record<DeclineCode, string> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: 'The security code (CVC) is incorrect.',
  processing_error: 'The card could not be processed. Please try again.',
};

/** A refund's life: asked for, then done by the provider (retried until then) or failed. */
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** How payments are captured: at the first shipment (the default) or at authorization. */
export const PAYMENT_CAPTURE_MODES = ['shipment', 'immediate'] as const;
export type PaymentCaptureMode = (typeof PAYMENT_CAPTURE_MODES)[number];

/** The well-known test cards of the simulated provider (DESIGN §12). */
export const TEST_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  expired: '4000000000000069',
} as const;

/** What a tokenized card leaves on the order: never the number. */
export interface PaymentMethodSummary {
  brand: string;
  last4: string;
  declineCode?: DeclineCode | null;
}

/** What an order's payment attempt says of the order (DESIGN §12); `orders.payment_status`. */
export function paymentStatusOf(
  attempt: { status: PaymentAttemptStatus; capturedCents: number; refundedCents: number } | null,
): PaymentStatus {
  if (!attempt) return 'awaiting_payment';
  switch (attempt.status) {
    case 'pending':
      return 'awaiting_payment';
    case 'authorized':
      return 'authorized';
    case 'declined':
      return 'failed';
    case 'voided':
      return 'voided';
    case 'captured':
      if (attempt.refundedCents === 0) return 'paid';
      return attempt.refundedCents >= attempt.capturedCents ? 'refunded' : 'partially_refunded';
  }
}

import type { DeclineCode } from '@stockpulse/shared';

/** What a shopper types; only the provider's tokenizer ever sees it (DESIGN §12). */
export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** A tokenized card: what Stockpulse keeps of it (never the number). */
export interface TokenizedCard {
  token: string;
  brand: string;
  last4: string;
}

export type AuthorizeResult =
  | { ok: true; providerRef: string }
  | { ok: false; declineCode: DeclineCode };

/**
 * A card payment provider, shaped like the real ones (DESIGN §12): a token stands for the
 * card; authorize holds the amount (or is declined with a code); capture takes it, void
 * releases it, refund gives some back. Every money call carries an idempotency key: the
 * same key again is the same operation, never a second charge or refund. A transient
 * failure (network, 5xx) throws ProviderUnavailable, for the caller's queue to retry.
 */
export interface PaymentProvider {
  /** `simulated`, or a real provider's adapter name; stored on `payments.provider`. */
  readonly name: string;
  /** The provider's own script stands here (the simulated provider only). */
  tokenize(card: CardDetails): Promise<TokenizedCard>;
  /** Brand and last four of a token; INVALID_PAYMENT_METHOD for a token it never issued. */
  describe(token: string): Promise<{ brand: string; last4: string }>;
  authorize(request: {
    token: string;
    amountCents: number;
    idempotencyKey: string;
  }): Promise<AuthorizeResult>;
  capture(request: {
    providerRef: string;
    amountCents: number;
    idempotencyKey: string;
  }): Promise<{ providerRef: string }>;
  void(request: { providerRef: string; idempotencyKey: string }): Promise<{ providerRef: string }>;
  refund(request: {
    providerRef: string;
    amountCents: number;
    idempotencyKey: string;
  }): Promise<{ providerRef: string }>;
}

/** The provider could not be reached or failed on its side: retryable, nothing happened. */
export class ProviderUnavailable extends Error {
  override readonly name = 'ProviderUnavailable';
}

export const PAYMENT_PROVIDERS = ['simulated'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

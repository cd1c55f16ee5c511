import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  cardBrand,
  cardDigits,
  cardProblems,
  DECLINE_CODES,
  type DeclineCode,
  DomainError,
  TEST_CARDS,
} from '@stockpulse/shared';
import type { AuthorizeResult, CardDetails, PaymentProvider, TokenizedCard } from './provider';
import { ProviderUnavailable } from './provider';

export interface SimulatedProviderOptions {
  /** Signs tokens and derives references; the API and the worker must share it. */
  secret: string;
  /** How slow each money call is (PAYMENT_LATENCY_MS). */
  latencyMs?: number;
  /** How often a money call fails transiently (PAYMENT_FAILURE_RATE), 0..1. */
  failureRate?: number;
  random?: () => number;
}

/** The token of the orders migrated from before payments (migration 0016): it pays. */
export const LEGACY_TOKEN = 'tok_legacy';
const PREFIX = 'tok_sim_';

/** What each test card of DESIGN §12 does; any other valid number succeeds. */
const TEST_OUTCOMES: Record<string, DeclineCode> = {
  [TEST_CARDS.declined]: 'card_declined',
  [TEST_CARDS.insufficientFunds]: 'insufficient_funds',
  [TEST_CARDS.expired]: 'expired_card',
};

interface TokenClaims {
  brand: string;
  last4: string;
  /** `ok` or a decline code. */
  outcome: 'ok' | DeclineCode;
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * The built-in provider (DESIGN §12). Stateless, so any number of API and worker
 * processes agree: a token is `tok_sim_` + base64url({brand, last4, outcome}) + `.` + an
 * HMAC of it (the number is not in it and cannot be recovered from it), and every
 * reference is derived from the idempotency key, so a retried capture or refund is the
 * same operation with the same reference, never a second one.
 */
export function simulatedProvider(options: SimulatedProviderOptions): PaymentProvider {
  const { secret } = options;
  const random = options.random ?? Math.random;
  const sign = (text: string) => b64(createHmac('sha256', secret).update(text).digest());
  const refOf = (kind: string, key: string) => `sim_${kind}_${sign(`${kind}:${key}`).slice(0, 24)}`;

  const claimsOf = (token: string): TokenClaims | 'legacy' => {
    if (token === LEGACY_TOKEN) return 'legacy';
    const invalid = () =>
      new DomainError('INVALID_PAYMENT_METHOD', 'This payment method is not valid', {
        field: 'paymentMethod',
      });
    if (!token.startsWith(PREFIX)) throw invalid();
    const [body, signature] = token.slice(PREFIX.length).split('.');
    if (!body || !signature) throw invalid();
    const expected = Buffer.from(sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
      if (
        typeof claims.brand !== 'string' ||
        !/^\d{4}$/.test(claims.last4) ||
        !(claims.outcome === 'ok' || (DECLINE_CODES as readonly string[]).includes(claims.outcome))
      ) {
        throw invalid();
      }
      return claims;
    } catch {
      throw invalid();
    }
  };

  /** The latency and transient failures of a network call to a provider. */
  const call = async () => {
    if (options.latencyMs && options.latencyMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    }
    if (random() < (options.failureRate ?? 0)) {
      throw new ProviderUnavailable('simulated provider unavailable (PAYMENT_FAILURE_RATE)');
    }
  };

  const requireRef = (providerRef: string) => {
    if (!providerRef) throw new Error('providerRef is required');
  };
  const requireKey = (key: string) => {
    if (!key) throw new Error('An idempotency key is required');
  };
  const requireAmount = (amountCents: number) => {
    if (!Number.isInteger(amountCents) || amountCents < 0) {
      throw new Error('The amount must be whole cents, at least 0');
    }
  };

  return {
    name: 'simulated',
    async tokenize(card: CardDetails): Promise<TokenizedCard> {
      const problems = cardProblems(card);
      const fields = Object.keys(problems);
      if (fields.length > 0) {
        throw new DomainError('INVALID_PAYMENT_METHOD', Object.values(problems).join(' '), {
          fields: problems,
        });
      }
      const digits = cardDigits(card.number);
      const claims: TokenClaims = {
        brand: cardBrand(digits),
        last4: digits.slice(-4),
        outcome: TEST_OUTCOMES[digits] ?? 'ok',
      };
      const body = b64(JSON.stringify(claims));
      return { token: `${PREFIX}${body}.${sign(body)}`, brand: claims.brand, last4: claims.last4 };
    },
    async describe(token) {
      const claims = claimsOf(token);
      return claims === 'legacy'
        ? { brand: 'visa', last4: '4242' }
        : { brand: claims.brand, last4: claims.last4 };
    },
    async authorize({ token, amountCents, idempotencyKey }): Promise<AuthorizeResult> {
      requireKey(idempotencyKey);
      requireAmount(amountCents);
      const claims = claimsOf(token);
      await call();
      if (claims !== 'legacy' && claims.outcome !== 'ok') {
        return { ok: false, declineCode: claims.outcome };
      }
      return { ok: true, providerRef: refOf('auth', idempotencyKey) };
    },
    async capture({ providerRef, amountCents, idempotencyKey }) {
      requireRef(providerRef);
      requireKey(idempotencyKey);
      requireAmount(amountCents);
      await call();
      return { providerRef: refOf('capture', idempotencyKey) };
    },
    async void({ providerRef, idempotencyKey }) {
      requireRef(providerRef);
      requireKey(idempotencyKey);
      await call();
      return { providerRef: refOf('void', idempotencyKey) };
    },
    async refund({ providerRef, amountCents, idempotencyKey }) {
      requireRef(providerRef);
      requireKey(idempotencyKey);
      requireAmount(amountCents);
      await call();
      return { providerRef: refOf('refund', idempotencyKey) };
    },
  };
}

/** A future expiry for the default test card (placement without a payment method). */
export function defaultTestCard(now = new Date()): CardDetails {
  return {
    number: TEST_CARDS.success,
    expMonth: 12,
    expYear: now.getUTCFullYear() + 5,
    cvc: '123',
  };
}

/** The configured provider (PAYMENT_PROVIDER); a real one would be another adapter here. */
export function createPaymentProvider(
  name: 'simulated',
  options: SimulatedProviderOptions,
): PaymentProvider {
  switch (name) {
    case 'simulated':
      return simulatedProvider(options);
  }
}

/** The simulated provider with the development secret (tests, callers that set none). */
export const defaultPaymentProvider = () =>
  simulatedProvider({ secret: 'stockpulse-dev-payment-token-secret' });

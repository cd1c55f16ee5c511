import { DomainError, TEST_CARDS } from '@stockpulse/shared';
import { describe, expect, it } from 'vitest';
import { ProviderUnavailable } from './provider';
import { defaultTestCard, LEGACY_TOKEN, simulatedProvider } from './simulated';

const provider = simulatedProvider({ secret: 'test-secret' });
const card = (number: string) => ({ ...defaultTestCard(), number });
const authorize = (token: string, key = 'payment-1') =>
  provider.authorize({ token, amountCents: 1000, idempotencyKey: key });

describe('simulated provider', () => {
  it('tokenizes without the number and authorizes 4242', async () => {
    const tokenized = await provider.tokenize(card('4242 4242 4242 4242'));
    expect(tokenized).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(tokenized.token).toMatch(/^tok_sim_/);
    expect(tokenized.token).not.toContain(TEST_CARDS.success);
    const body = tokenized.token.slice('tok_sim_'.length).split('.')[0]!;
    expect(Buffer.from(body, 'base64url').toString()).not.toContain('42424242');
    const result = await authorize(tokenized.token);
    expect(result.ok).toBe(true);
  });

  it.each([
    [TEST_CARDS.declined, 'card_declined'],
    [TEST_CARDS.insufficientFunds, 'insufficient_funds'],
    [TEST_CARDS.expired, 'expired_card'],
  ])('declines %s with %s', async (number, declineCode) => {
    const { token } = await provider.tokenize(card(number));
    expect(await authorize(token)).toEqual({ ok: false, declineCode });
  });

  it('accepts any other Luhn-valid number and the legacy token', async () => {
    const { token, brand } = await provider.tokenize(card('5555555555554444'));
    expect(brand).toBe('mastercard');
    expect((await authorize(token)).ok).toBe(true);
    expect((await authorize(LEGACY_TOKEN)).ok).toBe(true);
    expect(await provider.describe(LEGACY_TOKEN)).toEqual({ brand: 'visa', last4: '4242' });
  });

  it('refuses bad cards naming the fields', async () => {
    const error = await provider
      .tokenize({ number: '4242424242424241', expMonth: 13, expYear: 2020, cvc: '1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_PAYMENT_METHOD');
    expect(Object.keys((error as DomainError).details.fields as object).sort()).toEqual([
      'cvc',
      'expMonth',
      'number',
    ]);
  });

  it('refuses forged and foreign tokens', async () => {
    const { token } = await provider.tokenize(card(TEST_CARDS.declined));
    const [body] = token.slice('tok_sim_'.length).split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ brand: 'visa', last4: '0002', outcome: 'ok' }),
    ).toString('base64url');
    const forged = `tok_sim_${forgedBody}.${token.split('.')[1]}`;
    expect(body).not.toBe(forgedBody);
    await expect(authorize(forged)).rejects.toMatchObject({ code: 'INVALID_PAYMENT_METHOD' });
    const other = simulatedProvider({ secret: 'another' });
    await expect(other.describe(token)).rejects.toMatchObject({ code: 'INVALID_PAYMENT_METHOD' });
    await expect(authorize('tok_nonsense')).rejects.toMatchObject({
      code: 'INVALID_PAYMENT_METHOD',
    });
  });

  it('gives the same reference for the same idempotency key, across instances', async () => {
    const again = simulatedProvider({ secret: 'test-secret' });
    const a = await provider.refund({
      providerRef: 'x',
      amountCents: 5,
      idempotencyKey: 'refund-1',
    });
    const b = await again.refund({ providerRef: 'x', amountCents: 5, idempotencyKey: 'refund-1' });
    const c = await again.refund({ providerRef: 'x', amountCents: 5, idempotencyKey: 'refund-2' });
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('fails transiently at PAYMENT_FAILURE_RATE', async () => {
    const flaky = simulatedProvider({ secret: 's', failureRate: 0.5, random: () => 0.1 });
    const { token } = await flaky.tokenize(card(TEST_CARDS.success));
    await expect(
      flaky.authorize({ token, amountCents: 1, idempotencyKey: 'k' }),
    ).rejects.toBeInstanceOf(ProviderUnavailable);
  });
});

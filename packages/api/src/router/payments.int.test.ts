import { capturePayment, defaultPaymentProvider, processOrderPayment } from '@stockpulse/core';
import { drainOutbox, invariantViolations } from '@stockpulse/core/testing';
import { TEST_CARDS } from '@stockpulse/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminHarness, openAdminHarness } from '../testing';

let harness: AdminHarness;
let productId: number;

beforeAll(async () => {
  harness = await openAdminHarness();
  productId = await harness.world.addProduct({ onHand: 20, priceCents: 1_000 });
});
afterAll(async () => {
  await harness.close();
});

let keys = 0;
const key = () => `payments-api-${++keys}-${Date.now()}`;
const card = (number: string) => ({ number, expMonth: 12, expYear: 2040, cvc: '123' });

describe('payments router', () => {
  it('tokenizes a card without the number, and refuses a bad one naming the fields', async () => {
    const api = await harness.asAnonymous();
    const tokenized = await api.payments.tokenize(card('4242 4242 4242 4242'));
    expect(tokenized).toMatchObject({ brand: 'visa', last4: '4242' });
    expect(tokenized.token).not.toContain('4242424242424242');
    const error = await api.payments
      .tokenize({ number: '4242 4242 4242 4241', expMonth: 1, expYear: 2020, cvc: '12' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'INVALID_PAYMENT_METHOD' },
    });
    expect(
      Object.keys(
        (error as { cause: { details: { fields: object } } }).cause.details.fields,
      ).sort(),
    ).toEqual(['cvc', 'expYear', 'number']);
  });

  it('places with a card (or the default one), shows the payment, refunds as staff within what was captured', async () => {
    const api = await harness.asCustomer();
    const { token } = await api.payments.tokenize(card(TEST_CARDS.declined));
    const withCard = await api.orders.place({
      items: [{ productId, quantity: 1 }],
      idempotencyKey: key(),
      paymentMethod: token,
    });
    expect(await api.orders.byId({ id: withCard.id })).toMatchObject({
      paymentStatus: 'awaiting_payment',
      payment: { brand: 'visa', last4: '0002', declineCode: null },
      refunds: [],
    });
    await expect(
      api.orders.place({
        items: [{ productId, quantity: 1 }],
        idempotencyKey: key(),
        paymentMethod: 'nope',
      }),
    ).rejects.toMatchObject({ cause: { code: 'INVALID_PAYMENT_METHOD' } });
    // Not due while the first attempt is pending.
    await expect(
      api.orders.pay({ orderId: withCard.id, paymentMethod: token }),
    ).rejects.toMatchObject({
      cause: { code: 'PAYMENT_NOT_DUE' },
    });

    const plain = await api.orders.place({
      items: [{ productId, quantity: 2 }],
      idempotencyKey: key(),
    });
    expect(await api.orders.byId({ id: plain.id })).toMatchObject({
      payment: { brand: 'visa', last4: '4242' },
    });
    // Paid and captured as the worker would, then a goodwill refund.
    const provider = defaultPaymentProvider();
    expect(
      await processOrderPayment(harness.world.db, { orderId: plain.id }, { provider }),
    ).toEqual({
      outcome: 'paid',
    });
    const admin = await harness.asAdmin();
    await expect(
      admin.admin.orders.refund({ orderId: plain.id, amountCents: 100, reason: 'sorry' }),
    ).rejects.toMatchObject({ cause: { code: 'REFUND_EXCEEDS_CAPTURED' } });
    const paymentId = (
      await harness.world.pool.query('SELECT id FROM payments WHERE order_id = ?', [plain.id])
    )[0] as { id: number }[];
    await capturePayment(harness.world.db, provider, paymentId[0]!.id);
    const refund = await admin.admin.orders.refund({
      orderId: plain.id,
      amountCents: 500,
      reason: 'sorry',
    });
    expect(refund.refundableCents).toBe(1_500);
    await expect(
      admin.admin.orders.refund({ orderId: plain.id, amountCents: 1_501, reason: 'too much' }),
    ).rejects.toMatchObject({ cause: { code: 'REFUND_EXCEEDS_CAPTURED' } });
    const detail = await admin.admin.orders.byId({ id: plain.id });
    expect(detail).toMatchObject({
      paymentStatus: 'paid',
      refunds: [{ amountCents: 500, status: 'pending', reason: 'sorry' }],
      money: {
        status: 'captured',
        authorizedCents: 2_000,
        capturedCents: 2_000,
        refundedCents: 0,
        pendingRefundCents: 500,
        refundableCents: 1_500,
      },
    });
    await drainOutbox(harness.world.db);
    expect(await invariantViolations(harness.world.pool, { outbox: false })).toEqual([]);
  });
});

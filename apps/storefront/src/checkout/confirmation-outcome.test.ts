import { describe, expect, it } from 'vitest';
import { confirmationOutcome } from './confirmation-outcome';

describe('confirmationOutcome', () => {
  it('says the payment is being processed while the order is pending', () => {
    expect(confirmationOutcome('pending', null)).toMatchObject({
      tone: 'waiting',
      title: expect.stringContaining('confirming your payment'),
    });
  });

  it('says why a card was declined while the order waits for another one', () => {
    const outcome = confirmationOutcome('pending', null, {
      status: 'failed',
      declineCode: 'insufficient_funds',
    });
    expect(outcome).toMatchObject({ tone: 'declined', title: 'Your payment didn’t go through' });
    expect(outcome.news).toContain('Your card has insufficient funds.');
    expect(outcome.news).not.toMatch(/thank/i);
    expect(confirmationOutcome('pending', null, { status: 'awaiting_payment' }).tone).toBe(
      'waiting',
    );
  });

  it('thanks the customer once the order is paid', () => {
    expect(confirmationOutcome('paid', null)).toMatchObject({
      tone: 'success',
      title: 'Thank you! Your order is placed.',
    });
  });

  it('names a failed payment as such, never as a placed order', () => {
    const outcome = confirmationOutcome('cancelled', 'payment_failed');
    expect(outcome.tone).toBe('failure');
    expect(outcome.title).toBe('Your payment didn’t go through');
    expect(outcome.news).toBe(
      'was cancelled. The payment did not go through. You have not been charged. Its items went back on sale.',
    );
  });

  it('gives an expired order its own reason', () => {
    const outcome = confirmationOutcome('cancelled', 'expired');
    expect(outcome.title).toBe('This order was cancelled');
    expect(outcome.news).toContain('The order was not paid in time.');
    expect(outcome.news).not.toContain('charged');
  });
});

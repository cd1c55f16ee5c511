import type { OrderStatus } from '@stockpulse/shared';
import { cancelReasonText } from '../orders/status';

export type ConfirmationTone = 'waiting' | 'success' | 'failure';

export interface ConfirmationOutcome {
  tone: ConfirmationTone;
  title: string;
  /** Follows "Order #12 ". */
  news: string;
  /** The page's tab title. */
  documentTitle: string;
}

/**
 * What the confirmation page tells the customer about an order as it stands: the payment
 * still being confirmed, the order placed, or (after the payment's retries ran out, or it
 * expired) the order cancelled, with its reason in plain words.
 */
export function confirmationOutcome(
  status: OrderStatus,
  cancelReason: string | null,
): ConfirmationOutcome {
  switch (status) {
    case 'pending':
      return {
        tone: 'waiting',
        title: 'Thank you! We’re confirming your payment.',
        news: 'is reserved for you while the payment is processed. This takes a few seconds; this page updates by itself.',
        documentTitle: 'Payment processing · Stockpulse',
      };
    case 'cancelled':
      return {
        tone: 'failure',
        title:
          cancelReason === 'payment_failed'
            ? 'Your payment didn’t go through'
            : 'This order was cancelled',
        news: `was cancelled. ${cancelReasonText(cancelReason)}${
          cancelReason === 'payment_failed' ? ' You have not been charged.' : ''
        } Its items went back on sale.`,
        documentTitle: 'Order cancelled · Stockpulse',
      };
    default:
      return {
        tone: 'success',
        title: 'Thank you! Your order is placed.',
        news: SUCCESS_NEWS[status],
        documentTitle: 'Thank you · Stockpulse',
      };
  }
}

const SUCCESS_NEWS: Record<'paid' | 'partially_shipped' | 'shipped' | 'delivered', string> = {
  paid: 'is paid and being packed. We will tell you when it ships.',
  partially_shipped: 'is on its way: the first parcel has shipped.',
  shipped: 'is on its way.',
  delivered: 'was delivered.',
};

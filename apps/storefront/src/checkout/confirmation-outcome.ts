import type { OrderStatus } from '@stockpulse/shared';
import type { PaymentStatus } from '@stockpulse/shared/payments';
import { declineText } from '../orders/payment-status';
import { cancelReasonText } from '../orders/status';

/** `declined`: the card was refused, the order still waits for another one. */
export type ConfirmationTone = 'waiting' | 'success' | 'failure' | 'declined';

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
 * still being confirmed, declined (with the provider's reason, waiting for another card),
 * the order placed, or (after the payment's retries ran out, or it expired) the order
 * cancelled, with its reason in plain words.
 */
export function confirmationOutcome(
  status: OrderStatus,
  cancelReason: string | null,
  payment: { status: PaymentStatus; declineCode?: string | null } | null = null,
): ConfirmationOutcome {
  switch (status) {
    case 'pending':
      if (payment?.status === 'failed') {
        return {
          tone: 'declined',
          title: 'Your payment didn’t go through',
          news: `is reserved for you. ${declineText(payment.declineCode)} You have not been charged; pay with another card below.`,
          documentTitle: 'Payment declined · Stockpulse',
        };
      }
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

import type { ReturnStatus } from '@stockpulse/shared/fulfilment';
import {
  DECLINE_MESSAGES,
  type DeclineCode,
  type PaymentStatus,
  type RefundStatus,
} from '@stockpulse/shared/payments';

/** A payment status as a shopper reads it. */
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  awaiting_payment: 'Awaiting payment',
  authorized: 'Authorized: charged when it ships',
  paid: 'Paid',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
  voided: 'Not charged',
  failed: 'Payment declined',
};

export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = {
  pending: 'On its way',
  succeeded: 'Refunded',
  failed: 'Failed: we are looking into it',
};

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  requested: 'Requested: waiting for our answer',
  approved: 'Approved: please send the items back',
  rejected: 'Not accepted',
  received: 'Received: your refund is next',
  refunded: 'Refunded',
};

/** Why a card was declined, in a shopper's words (an unknown code reads as a decline). */
export function declineText(code: string | null | undefined): string {
  return DECLINE_MESSAGES[code as DeclineCode] ?? DECLINE_MESSAGES.card_declined;
}

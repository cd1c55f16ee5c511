import { formatCents } from '@stockpulse/shared/money';
import type {
  PaymentMethodSummary,
  PaymentStatus,
  RefundStatus,
} from '@stockpulse/shared/payments';
import { formatDate } from '../lib/format';
import { brandName } from '../payment/card-form';
import { declineText, PAYMENT_STATUS_LABELS, REFUND_STATUS_LABELS } from './payment-status';

export interface RefundLine {
  id: number;
  amountCents: number;
  status: RefundStatus;
  createdAt: Date;
}

/** How the order is paid: the card, where the money stands, and each refund. */
export function PaymentPanel({
  paymentStatus,
  payment,
  refunds,
}: {
  paymentStatus: PaymentStatus;
  payment: PaymentMethodSummary | null;
  refunds: readonly RefundLine[];
}) {
  return (
    <div className="after-sale">
      <p className="payment-line">
        {payment && (
          <span className="payment-card">
            {brandName(payment.brand)} •••• {payment.last4}
          </span>
        )}
        <span data-testid="payment-status" data-status={paymentStatus}>
          {PAYMENT_STATUS_LABELS[paymentStatus]}
        </span>
      </p>
      {paymentStatus === 'failed' && (
        <p className="notice notice-error" role="status">
          {declineText(payment?.declineCode)}
        </p>
      )}
      {refunds.length > 0 && (
        <ul className="refund-list" aria-label="Refunds">
          {refunds.map((refund) => (
            <li key={refund.id} data-testid="refund" data-status={refund.status}>
              <strong>{formatCents(refund.amountCents)}</strong> refund ·{' '}
              {REFUND_STATUS_LABELS[refund.status]}{' '}
              <span className="muted small">({formatDate(refund.createdAt)})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

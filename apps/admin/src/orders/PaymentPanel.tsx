import { DECLINE_MESSAGES, type DeclineCode } from '@stockpulse/shared';
import { formatCents } from '@stockpulse/shared/money';
import { useState } from 'react';
import type { AdminOrder } from '../lib/api-types';
import { humanize, when } from '../lib/format';
import { StatusPill } from '../ui/StatusPill';
import { RefundDialog } from './RefundDialog';

/**
 * The order's money (DESIGN §12): its payment status, the card, a decline, what was
 * authorized, captured and refunded, each refund with its status, and Refund… while
 * something captured is left to give back.
 */
export function PaymentPanel({ order }: { order: AdminOrder }) {
  const [refunding, setRefunding] = useState(false);
  const { payment, money } = order;
  const refunds = order.refunds ?? [];
  const decline = payment?.declineCode as DeclineCode | null | undefined;
  return (
    <section className="card" aria-labelledby="payment-title">
      <div className="card-head">
        <h2 id="payment-title">Payment</h2>
        {order.paymentStatus && <StatusPill status={order.paymentStatus} />}
      </div>
      {payment ? (
        <p>
          <span className="strong">{humanize(payment.brand)}</span>{' '}
          <span className="mono" aria-hidden="true">
            •••• {payment.last4}
          </span>
          <span className="sr-only">ending in {payment.last4}</span>
        </p>
      ) : (
        <p className="muted">No payment method yet.</p>
      )}
      {decline && (
        <p className="notice" data-decline={decline}>
          Declined ({decline.replaceAll('_', ' ')}): {DECLINE_MESSAGES[decline] ?? decline}
        </p>
      )}
      {money && (
        <dl className="money-figures">
          <div>
            <dt>Authorized</dt>
            <dd>{formatCents(money.authorizedCents)}</dd>
          </div>
          <div>
            <dt>Captured</dt>
            <dd>{formatCents(money.capturedCents)}</dd>
          </div>
          <div>
            <dt>Refunded</dt>
            <dd>{formatCents(money.refundedCents)}</dd>
          </div>
          {money.pendingRefundCents > 0 && (
            <div>
              <dt>Refunding</dt>
              <dd>{formatCents(money.pendingRefundCents)}</dd>
            </div>
          )}
        </dl>
      )}
      {refunds.length > 0 && (
        <>
          <h3>Refunds</h3>
          <ul className="list refunds">
            {refunds.map((r) => (
              <li key={r.id} className="list-item" data-refund-id={r.id}>
                <span className="cell-two-line">
                  <span className="strong">{formatCents(r.amountCents)}</span>
                  <span className="muted small">
                    {r.reason} · {when(r.createdAt)}
                  </span>
                </span>
                <StatusPill status={r.status} />
              </li>
            ))}
          </ul>
        </>
      )}
      {money && money.refundableCents > 0 && (
        <div className="card-actions">
          <button type="button" className="btn" onClick={() => setRefunding(true)}>
            Refund…
          </button>
          <span className="muted small">Up to {formatCents(money.refundableCents)}</span>
        </div>
      )}
      {refunding && money && (
        <RefundDialog
          orderId={order.id}
          refundableCents={money.refundableCents}
          onClose={() => setRefunding(false)}
        />
      )}
    </section>
  );
}

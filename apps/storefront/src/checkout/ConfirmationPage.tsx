import { apiError } from '@stockpulse/live';
import { CircleAlert, CircleCheck, Clock, CreditCard } from 'lucide-react';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { NotFound } from '../layout/RouteError';
import { OrderLines } from '../orders/OrderLines';
import { StatusBadge } from '../orders/StatusBadge';
import { useOrder } from '../orders/useOrder';
import { PayAgain } from '../payment/PayAgain';
import { RequireSignIn } from '../session/RequireSignIn';
import { ErrorState } from '../ui/ErrorState';
import { PageSkeleton } from '../ui/Skeleton';
import { type ConfirmationTone, confirmationOutcome } from './confirmation-outcome';
import { useRestoreCart } from './useRestoreCart';
import './confirmation.css';

const ICONS: Record<ConfirmationTone, typeof CircleCheck> = {
  waiting: Clock,
  success: CircleCheck,
  failure: CircleAlert,
  declined: CreditCard,
};

export function ConfirmationPage() {
  return (
    <RequireSignIn>
      <Confirmation />
    </RequireSignIn>
  );
}

/** Where the customer lands after placing an order; it follows the payment live. */
function Confirmation() {
  const id = Number(useParams().id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const { order, change } = useOrder(id, valid);
  const { restore, restoring } = useRestoreCart();
  const outcome = order.data
    ? confirmationOutcome(order.data.status, order.data.cancelReason, {
        status: order.data.paymentStatus ?? 'awaiting_payment',
        declineCode: order.data.payment?.declineCode ?? null,
      })
    : null;
  useEffect(() => {
    document.title = outcome?.documentTitle ?? 'Your order · Stockpulse';
  }, [outcome?.documentTitle]);

  if (!valid || apiError(order.error).code === 'NOT_FOUND') return <NotFound />;
  if (order.isPending || !outcome) return <PageSkeleton label="Loading your order" />;
  if (order.isError) {
    return (
      <ErrorState
        title="Your order is placed, but we couldn’t show it"
        level={1}
        error={order.error}
        onRetry={() => order.refetch()}
      />
    );
  }
  const data = order.data;
  const Icon = ICONS[outcome.tone];
  const failed = outcome.tone === 'failure';
  return (
    <div className="confirmation-page">
      <section
        className={`confirmation-hero confirmation-${outcome.tone}`}
        data-tone={outcome.tone}
      >
        <Icon aria-hidden="true" size={48} className="confirmation-icon" />
        {/* Announced when the payment's verdict arrives over the socket. */}
        <div aria-live="polite">
          <h1>{outcome.title}</h1>
          <p>
            Order <strong>#{data.id}</strong> {outcome.news}
          </p>
        </div>
        <StatusBadge key={change?.at} status={data.status} flash={!!change} />
      </section>
      {outcome.tone === 'declined' && (
        <section className="panel" aria-label="Pay again">
          <PayAgain orderId={data.id} />
        </section>
      )}
      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <OrderLines order={data} />
      </section>
      <div className="button-row center">
        {failed ? (
          <button
            type="button"
            className="button"
            disabled={restoring}
            onClick={() => void restore(data)}
          >
            Put the items back in my cart
          </button>
        ) : (
          <Link to={`/orders/${data.id}`} className="button">
            Track this order
          </Link>
        )}
        <Link to="/" className="button button-secondary">
          Continue shopping
        </Link>
      </div>
    </div>
  );
}

import type { OrderStatus } from '@stockpulse/shared';
import { CircleCheck } from 'lucide-react';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { NotFound } from '../layout/RouteError';
import { errorCode } from '../lib/api-error';
import { OrderLines } from '../orders/OrderLines';
import { StatusBadge } from '../orders/StatusBadge';
import { useOrder } from '../orders/useOrder';
import { RequireSignIn } from '../session/RequireSignIn';
import { ErrorState } from '../ui/ErrorState';
import { PageSkeleton } from '../ui/Skeleton';
import './confirmation.css';

/** What the customer needs to know now; the page follows the order live. */
const CONFIRMATION_NEWS: Record<OrderStatus, string> = {
  pending:
    'is reserved for you. We confirm the payment in a few seconds; this page updates by itself.',
  paid: 'is paid and being packed. We will tell you when it ships.',
  shipped: 'is on its way.',
  delivered: 'was delivered.',
  cancelled: 'was cancelled; its items went back on sale.',
};

export function ConfirmationPage() {
  return (
    <RequireSignIn>
      <Confirmation />
    </RequireSignIn>
  );
}

function Confirmation() {
  const id = Number(useParams().id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const { order, change } = useOrder(id, valid);
  useEffect(() => {
    document.title = 'Thank you · Stockpulse';
  }, []);

  if (!valid || errorCode(order.error) === 'NOT_FOUND') return <NotFound />;
  if (order.isPending) return <PageSkeleton label="Loading your order" />;
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
  return (
    <div className="confirmation-page">
      <section className="confirmation-hero">
        <CircleCheck aria-hidden="true" size={48} className="confirmation-icon" />
        <h1>Thank you! Your order is placed.</h1>
        <p>
          Order <strong>#{data.id}</strong> {CONFIRMATION_NEWS[data.status]}
        </p>
        <div aria-live="polite">
          <StatusBadge key={change?.at} status={data.status} flash={!!change} />
        </div>
      </section>
      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <OrderLines order={data} />
      </section>
      <div className="button-row center">
        <Link to={`/orders/${data.id}`} className="button">
          Track this order
        </Link>
        <Link to="/" className="button button-secondary">
          Continue shopping
        </Link>
      </div>
    </div>
  );
}

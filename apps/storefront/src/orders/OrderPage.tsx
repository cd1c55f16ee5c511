import { apiError } from '@stockpulse/live';
import { canTransition } from '@stockpulse/shared';
import { useMutation } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { NotFound } from '../layout/RouteError';
import { plainMessage } from '../lib/errors';
import { formatDateTime, plural } from '../lib/format';
import { PayAgain } from '../payment/PayAgain';
import { RequireSignIn } from '../session/RequireSignIn';
import { queryClient, trpc } from '../trpc';
import { ErrorState } from '../ui/ErrorState';
import { PageSkeleton } from '../ui/Skeleton';
import { toast } from '../ui/toast';
import { OrderLines } from './OrderLines';
import { PaymentPanel } from './PaymentPanel';
import { ReturnPanel, type ReturnRequest } from './ReturnPanel';
import { ShipmentList } from './ShipmentList';
import { StatusBadge } from './StatusBadge';
import { StatusTimeline } from './StatusTimeline';
import { buildTimeline } from './status';
import { useOrder } from './useOrder';
import './after-sale.css';
import './orders.css';

export function OrderPage() {
  return (
    <RequireSignIn>
      <OrderView />
    </RequireSignIn>
  );
}

function OrderView() {
  const id = Number(useParams().id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const { order, change } = useOrder(id, valid);
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation(
    trpc.orders.cancel.mutationOptions({
      onSuccess: (updated) => {
        if (updated) {
          // A cancelled order has no return window: nothing was delivered.
          queryClient.setQueryData(trpc.orders.byId.queryKey({ id }), {
            ...updated,
            returnWindowEndsAt: null,
          });
        }
        void queryClient.invalidateQueries(trpc.orders.mine.pathFilter());
        toast.success(`Order #${id} is cancelled`);
      },
      onError: (error) => {
        void order.refetch();
        toast.error(
          apiError(error).cause === 'ILLEGAL_TRANSITION'
            ? 'This order can no longer be cancelled: it has already shipped.'
            : plainMessage(error),
        );
      },
    }),
  );

  const requestReturn = useMutation(
    trpc.orders.requestReturn.mutationOptions({
      onSuccess: ({ order: updated }) => {
        if (updated) void order.refetch();
        toast.success('Return requested: we will answer shortly');
      },
    }),
  );
  const sendReturn = async (request: ReturnRequest) => {
    await requestReturn.mutateAsync({ orderId: id, ...request });
  };

  useEffect(() => {
    document.title = `Order #${id} · Stockpulse`;
  }, [id]);

  if (!valid || apiError(order.error).code === 'NOT_FOUND') return <NotFound />;
  if (order.isPending) return <PageSkeleton label="Loading order" />;
  if (order.isError) {
    return (
      <ErrorState
        title="We couldn’t load this order"
        level={1}
        error={order.error}
        onRetry={() => order.refetch()}
      />
    );
  }
  const data = order.data;
  const steps = buildTimeline(data.status, data.events ?? [], data.createdAt, data.cancelReason);
  const cancellable = canTransition(data.status, 'cancelled');
  const lineName = (orderDetailId: number) => {
    const line = data.lines.find((l) => l.orderDetailId === orderDetailId);
    return line ? `${line.name}${line.variantTitle ? ` · ${line.variantTitle}` : ''}` : 'Item';
  };
  const shipments = data.shipments ?? [];
  const returns = data.returns ?? [];
  const paymentStatus = data.paymentStatus ?? 'awaiting_payment';
  const declined = data.status === 'pending' && paymentStatus === 'failed';

  return (
    <article className="order-page">
      <Link to="/orders" className="back-link">
        <ArrowLeft aria-hidden="true" size={16} /> All orders
      </Link>
      <header className="order-header">
        <div>
          <h1>Order #{data.id}</h1>
          <p className="muted">
            Placed {formatDateTime(data.createdAt)} · {plural(data.itemCount, 'item')}
          </p>
        </div>
        <div aria-live="polite">
          <StatusBadge key={change?.at} status={data.status} flash={!!change} />
        </div>
      </header>
      <div className="two-column">
        <div className="column-stack">
          <section className="panel" aria-labelledby="items-heading">
            <h2 id="items-heading">Items</h2>
            <OrderLines order={data} />
          </section>
          {shipments.length > 0 && (
            <section className="panel" aria-labelledby="shipments-heading">
              <h2 id="shipments-heading">Shipments</h2>
              <ShipmentList shipments={shipments} lineName={lineName} />
            </section>
          )}
          {(returns.length > 0 || data.status === 'delivered') && (
            <section className="panel" aria-labelledby="returns-heading">
              <h2 id="returns-heading">Returns</h2>
              <ReturnPanel
                returns={returns}
                returnable={data.lines.map((line) => ({
                  orderDetailId: line.orderDetailId ?? 0,
                  name: lineName(line.orderDetailId ?? 0),
                  returnableQuantity: line.returnableQuantity ?? 0,
                }))}
                windowEndsAt={
                  data.returnWindowEndsAt && data.returnWindowEndsAt > new Date()
                    ? data.returnWindowEndsAt
                    : null
                }
                lineName={lineName}
                onRequest={sendReturn}
                requesting={requestReturn.isPending}
                problem={requestReturn.error ? plainMessage(requestReturn.error) : null}
              />
              {returns.length === 0 && !data.returnWindowEndsAt && (
                <p className="muted small">The return window for this order has closed.</p>
              )}
            </section>
          )}
        </div>
        <aside className="summary-card" aria-labelledby="progress-heading">
          <h2 id="progress-heading">Progress</h2>
          <StatusTimeline steps={steps} />
          <h2 id="payment-heading">Payment</h2>
          <PaymentPanel
            paymentStatus={paymentStatus}
            payment={data.payment ?? null}
            refunds={data.refunds ?? []}
          />
          {declined && <PayAgain orderId={data.id} />}
          {cancellable && !confirming && (
            <button
              type="button"
              className="button button-secondary button-block"
              onClick={() => setConfirming(true)}
            >
              Cancel order
            </button>
          )}
          {cancellable && confirming && (
            <fieldset className="confirm-box">
              <legend className="visually-hidden">Confirm cancellation</legend>
              <p>
                Cancel order #{data.id}? Its items go back on sale
                {data.status === 'paid' ? ' and you are refunded' : ''}.
              </p>
              <div className="button-row">
                <button
                  type="button"
                  className="button button-danger"
                  disabled={cancel.isPending}
                  onClick={() =>
                    cancel.mutate({ id: data.id }, { onSettled: () => setConfirming(false) })
                  }
                >
                  {cancel.isPending ? 'Cancelling…' : 'Yes, cancel it'}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setConfirming(false)}
                >
                  Keep order
                </button>
              </div>
            </fieldset>
          )}
        </aside>
      </div>
    </article>
  );
}

import { useLiveOrder } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, Printer } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { openLinesOfOrder } from '../fulfilment/lines';
import { ShipDialog } from '../fulfilment/ShipDialog';
import { count, plural, when } from '../lib/format';
import { trpc } from '../trpc';
import { Address } from '../ui/Address';
import { PageHeader } from '../ui/PageHeader';
import { StatusPill } from '../ui/StatusPill';
import { ErrorState, Loading } from '../ui/states';
import { TableScroll } from '../ui/TableScroll';
import { CancelLinesDialog } from './CancelLinesDialog';
import { OrderActions } from './OrderActions';
import { PaymentPanel } from './PaymentPanel';
import { OrderReturns, Shipments } from './Shipments';
import { Timeline } from './Timeline';

/** Statuses with units that may still ship or be cancelled line by line (DESIGN §12). */
const SHIPPABLE = new Set(['paid', 'partially_shipped']);
// Lines of an order awaiting payment are not cancelled one by one (the whole order is).
const CANCELLABLE = new Set(['paid', 'partially_shipped']);

export function OrderPage() {
  const id = Number(useParams().orderId);
  const order = useQuery({
    ...trpc.admin.orders.byId.queryOptions({ id }),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
  // The live layer patches this query's status; this only marks that it just moved.
  const change = useLiveOrder(id);
  const [dialog, setDialog] = useState<'ship' | 'cancel' | null>(null);

  if (!Number.isSafeInteger(id) || id <= 0)
    return <ErrorState error={new Error('No such order')} />;
  if (order.isPending) return <Loading />;
  if (order.isError) return <ErrorState error={order.error} retry={order.refetch} />;
  const o = order.data;
  const address = o.shippingAddress;
  const open = openLinesOfOrder(o);
  const openUnits = open.reduce((sum, line) => sum + line.open, 0);
  const anyShipped = o.lines.some((l) => (l.shippedQuantity ?? 0) > 0);
  const anyCancelled = o.lines.some((l) => (l.cancelledQuantity ?? 0) > 0);
  return (
    <>
      <Link to="/orders" className="back-link">
        <ArrowLeft size={16} aria-hidden="true" /> Orders
      </Link>
      <PageHeader
        title={`Order #${o.id}`}
        subtitle={
          <>
            Placed {when(o.createdAt)} · <StatusPill status={o.status} />
            {change && (
              <span className="live-note" role="status" key={change.at}>
                updated live
              </span>
            )}
          </>
        }
        actions={
          <>
            {openUnits > 0 && SHIPPABLE.has(o.status) && (
              <button type="button" className="btn btn-primary" onClick={() => setDialog('ship')}>
                Ship…
              </button>
            )}
            {openUnits > 0 && CANCELLABLE.has(o.status) && (
              <button type="button" className="btn" onClick={() => setDialog('cancel')}>
                Cancel items…
              </button>
            )}
            {openUnits > 0 && SHIPPABLE.has(o.status) && (
              <Link to={`/orders/${o.id}/packing-slip`} className="btn btn-ghost">
                <Printer size={16} aria-hidden="true" /> Packing slip
              </Link>
            )}
            <OrderActions order={o} />
          </>
        }
      />
      {o.status === 'cancelled' && o.cancelReason && (
        <p className="notice">Cancelled: {o.cancelReason.replaceAll('_', ' ')}</p>
      )}
      <div className="grid-detail">
        <div className="stack">
          <section className="card" aria-labelledby="lines-title">
            <h2 id="lines-title">Lines</h2>
            <TableScroll>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Product</th>
                    <th scope="col" className="num">
                      Quantity
                    </th>
                    {anyShipped && (
                      <th scope="col" className="num">
                        Shipped
                      </th>
                    )}
                    {anyCancelled && (
                      <th scope="col" className="num">
                        Cancelled
                      </th>
                    )}
                    <th scope="col" className="num">
                      Unit price
                    </th>
                    <th scope="col" className="num">
                      Line total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.lines.map((line) => (
                    <tr
                      key={line.orderDetailId ?? line.variantId}
                      data-order-detail-id={line.orderDetailId}
                    >
                      <td>
                        <div className="cell-two-line">
                          <Link to={`/inventory/${line.productId}`}>{line.name}</Link>
                          <span className="muted small">
                            {[line.variantTitle, line.sku].filter(Boolean).join(' · ')}
                          </span>
                        </div>
                      </td>
                      <td className="num">{count(line.quantity)}</td>
                      {anyShipped && (
                        <td className="num" data-col="shipped">
                          {count(line.shippedQuantity ?? 0)}
                        </td>
                      )}
                      {anyCancelled && (
                        <td className="num" data-col="cancelled">
                          {count(line.cancelledQuantity ?? 0)}
                        </td>
                      )}
                      <td className="num">{formatCents(line.unitPriceCents)}</td>
                      <td className="num">{formatCents(line.unitPriceCents * line.quantity)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={3 + Number(anyShipped) + Number(anyCancelled)}>
                      Total ({plural(o.itemCount, 'item')})
                    </th>
                    <td className="num strong">{formatCents(o.totalCents)}</td>
                  </tr>
                </tfoot>
              </table>
            </TableScroll>
          </section>
          <section className="card" aria-labelledby="shipments-title">
            <h2 id="shipments-title">Shipments</h2>
            <Shipments order={o} />
          </section>
          <OrderReturns order={o} />
        </div>
        <div className="stack">
          <section className="card" aria-labelledby="customer-title">
            <h2 id="customer-title">Customer</h2>
            <p>
              <Link to={`/customers/${o.customer.id}`} className="strong">
                {o.customer.name}
              </Link>
              <br />
              <span className="muted">{o.customer.email}</span>
            </p>
            <h3>Ships to</h3>
            <Address {...address} />
          </section>
          <PaymentPanel order={o} />
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">Status timeline</h2>
            <Timeline order={o} />
          </section>
        </div>
      </div>
      {dialog === 'ship' && (
        <ShipDialog orderId={o.id} lines={open} onClose={() => setDialog(null)} />
      )}
      {dialog === 'cancel' && (
        <CancelLinesDialog order={o} lines={open} onClose={() => setDialog(null)} />
      )}
    </>
  );
}

import { useLiveOrder } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { count, plural, when } from '../lib/format';
import { trpc } from '../trpc';
import { Address } from '../ui/Address';
import { PageHeader } from '../ui/PageHeader';
import { StatusPill } from '../ui/StatusPill';
import { ErrorState, Loading } from '../ui/states';
import { TableScroll } from '../ui/TableScroll';
import { OrderActions } from './OrderActions';
import { Timeline } from './Timeline';

export function OrderPage() {
  const id = Number(useParams().orderId);
  const order = useQuery({
    ...trpc.admin.orders.byId.queryOptions({ id }),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
  // The live layer patches this query's status; this only marks that it just moved.
  const change = useLiveOrder(id);

  if (!Number.isSafeInteger(id) || id <= 0)
    return <ErrorState error={new Error('No such order')} />;
  if (order.isPending) return <Loading />;
  if (order.isError) return <ErrorState error={order.error} retry={order.refetch} />;
  const o = order.data;
  const address = o.shippingAddress;
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
        actions={<OrderActions order={o} />}
      />
      {o.status === 'cancelled' && o.cancelReason && (
        <p className="notice">Cancelled: {o.cancelReason.replaceAll('_', ' ')}</p>
      )}
      <div className="grid-detail">
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
                  <tr key={line.productId}>
                    <td>
                      <Link to={`/inventory/${line.productId}`}>{line.name}</Link>
                    </td>
                    <td className="num">{count(line.quantity)}</td>
                    <td className="num">{formatCents(line.unitPriceCents)}</td>
                    <td className="num">{formatCents(line.unitPriceCents * line.quantity)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    Total ({plural(o.itemCount, 'item')})
                  </th>
                  <td className="num strong">{formatCents(o.totalCents)}</td>
                </tr>
              </tfoot>
            </table>
          </TableScroll>
        </section>
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
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">Status timeline</h2>
            <Timeline order={o} />
          </section>
        </div>
      </div>
    </>
  );
}

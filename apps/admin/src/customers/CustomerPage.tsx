import { formatCents } from '@stockpulse/shared/money';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { count, when } from '../lib/format';
import { trpc } from '../trpc';
import { Address } from '../ui/Address';
import { PageHeader } from '../ui/PageHeader';
import { StatusPill } from '../ui/StatusPill';
import { Empty, ErrorState, Loading } from '../ui/states';
import { num, TableHead } from '../ui/TableHead';
import { TableScroll } from '../ui/TableScroll';

export function CustomerPage() {
  const id = Number(useParams().customerId);
  const valid = Number.isSafeInteger(id) && id > 0;
  const customer = useQuery({ ...trpc.admin.customers.byId.queryOptions({ id }), enabled: valid });
  if (!valid) return <ErrorState error={new Error('No such customer')} />;
  if (customer.isPending) return <Loading />;
  if (customer.isError) return <ErrorState error={customer.error} retry={customer.refetch} />;
  const c = customer.data;
  return (
    <>
      <Link to="/customers" className="back-link">
        <ArrowLeft size={16} aria-hidden="true" /> Customers
      </Link>
      <PageHeader title={c.name} subtitle={`${c.email} · joined ${when(c.createdAt)}`} />
      <section className="figures figures-3" aria-label="Totals">
        <div className="card figure">
          <span className="kpi-label">Lifetime value</span>
          <span className="figure-value num">{formatCents(c.lifetimeValueCents)}</span>
        </div>
        <div className="card figure">
          <span className="kpi-label">Orders</span>
          <span className="figure-value num">{count(c.orderCount)}</span>
        </div>
        <div className="card figure">
          <span className="kpi-label">Last order</span>
          <span className="figure-value">{c.lastOrderAt ? when(c.lastOrderAt) : '—'}</span>
        </div>
      </section>
      <div className="grid-detail">
        <section className="card" aria-labelledby="recent-title">
          <h2 id="recent-title">Recent orders</h2>
          {c.recentOrders.length === 0 ? (
            <Empty>No orders yet.</Empty>
          ) : (
            <TableScroll>
              <table className="table">
                <TableHead
                  columns={['Order', 'Status', num('Items'), num('Total'), num('Placed')]}
                />
                <tbody>
                  {c.recentOrders.map((order) => (
                    <tr key={order.id}>
                      <td>
                        <Link to={`/orders/${order.id}`} className="strong">
                          #{order.id}
                        </Link>
                      </td>
                      <td>
                        <StatusPill status={order.status} />
                      </td>
                      <td className="num">{count(order.itemCount)}</td>
                      <td className="num">{formatCents(order.totalCents)}</td>
                      <td className="num">{when(order.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <p>
            <Link to={`/orders?q=${encodeURIComponent(c.email)}`}>All orders by {c.name}</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="contact-title">
          <h2 id="contact-title">Contact</h2>
          <p>{c.phone ?? <span className="muted">No phone</span>}</p>
          {c.address ? <Address {...c.address} /> : <p className="muted">No address on file.</p>}
        </section>
      </div>
    </>
  );
}

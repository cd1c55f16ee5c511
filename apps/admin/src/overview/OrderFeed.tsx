import { formatCents } from '@stockpulse/shared/money';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ago, plural } from '../lib/format';
import { useRecentOrderChanges } from '../lib/useRecentOrderChanges';
import { trpc } from '../trpc';
import { StatusPill } from '../ui/StatusPill';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useNow } from '../ui/useNow';

/** The newest orders; the live layer refetches on a new one and patches status changes. */
export function OrderFeed() {
  const orders = useQuery(trpc.admin.orders.list.queryOptions({ sort: 'newest', limit: 12 }));
  const recent = useRecentOrderChanges();
  // Every second: a new order's "12 seconds ago" counts up as it would on a wall clock.
  const now = useNow(1_000);
  return (
    <section className="card" aria-labelledby="feed-title">
      <div className="card-head">
        <h2 id="feed-title">Live orders</h2>
        <Link to="/orders">All orders</Link>
      </div>
      {orders.isPending ? (
        <Loading />
      ) : orders.isError ? (
        <ErrorState error={orders.error} retry={orders.refetch} />
      ) : orders.data.items.length === 0 ? (
        <Empty>No orders yet. They appear here the moment they are placed.</Empty>
      ) : (
        <ul className="feed" aria-live="polite" aria-label="Newest orders">
          {orders.data.items.map((order) => {
            const change = recent.get(order.id);
            const cue = change ? (change.kind === 'created' ? 'feed-new' : 'feed-updated') : '';
            return (
              <li key={order.id} className={`feed-item ${cue}`} data-order-id={order.id}>
                <Link to={`/orders/${order.id}`} className="feed-main">
                  <span className="feed-id">#{order.id}</span>
                  <span className="feed-customer">{order.customerName}</span>
                  <span className="muted">
                    {plural(order.itemCount, 'item')} · {ago(order.createdAt, now)}
                  </span>
                </Link>
                <StatusPill status={order.status} />
                <span className="num feed-total">{formatCents(order.totalCents)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import { useLiveOrders } from '@stockpulse/live';
import { formatCents } from '@stockpulse/shared/money';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ChevronRight, Package } from 'lucide-react';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { formatDate, plural } from '../lib/format';
import { RequireSignIn } from '../session/RequireSignIn';
import { trpc } from '../trpc';
import { EmptyState } from '../ui/EmptyState';
import { ErrorState } from '../ui/ErrorState';
import { Skeleton } from '../ui/Skeleton';
import { StatusBadge } from './StatusBadge';
import './orders.css';

export function OrdersPage() {
  return (
    <RequireSignIn>
      <OrderHistory />
    </RequireSignIn>
  );
}

function OrderHistory() {
  const orders = useInfiniteQuery(
    trpc.orders.mine.infiniteQueryOptions(
      { limit: 20 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  // The live client patches statuses into this list; these say which row just moved.
  const changes = useLiveOrders();
  useEffect(() => {
    document.title = 'Your orders · Stockpulse';
  }, []);

  const rows = orders.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="orders-page">
      <h1>Your orders</h1>
      {orders.isPending ? (
        <div className="order-list" aria-busy="true">
          <span className="visually-hidden">Loading orders</span>
          {[0, 1, 2].map((key) => (
            <Skeleton key={key} className="skeleton-row" />
          ))}
        </div>
      ) : orders.isError ? (
        <ErrorState
          title="We couldn’t load your orders"
          error={orders.error}
          onRetry={() => orders.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyState icon={<Package aria-hidden="true" size={40} />} title="No orders yet">
          <p>When you place an order, you can follow it here, live.</p>
          <Link to="/" className="button">
            Start shopping
          </Link>
        </EmptyState>
      ) : (
        <>
          <ul className="order-list">
            {rows.map((order) => {
              const change = changes.find((c) => c.orderId === order.id);
              return (
                <li key={order.id} data-testid="order-row" data-order-id={order.id}>
                  <Link to={`/orders/${order.id}`} className="order-row">
                    <span className="order-row-main">
                      <span className="order-row-id">Order #{order.id}</span>
                      <span className="muted small">
                        {formatDate(order.createdAt)} · {plural(order.itemCount, 'item')}
                      </span>
                    </span>
                    <StatusBadge key={change?.at} status={order.status} flash={!!change} />
                    <span className="order-row-total price">{formatCents(order.totalCents)}</span>
                    <ChevronRight aria-hidden="true" size={18} className="muted" />
                  </Link>
                </li>
              );
            })}
          </ul>
          {orders.hasNextPage && (
            <div className="load-more">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => orders.fetchNextPage()}
                disabled={orders.isFetchingNextPage}
              >
                {orders.isFetchingNextPage ? 'Loading…' : 'Show older orders'}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

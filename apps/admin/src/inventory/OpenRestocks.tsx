import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { count, when } from '../lib/format';
import { trpc } from '../trpc';
import { StatusPill } from '../ui/StatusPill';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useNow } from '../ui/useNow';
import { restockProgress } from './restock-progress';

/** Supplier orders on their way, with how far along they are (refetched on restock events). */
export function OpenRestocks() {
  const restocks = useQuery(trpc.admin.restocks.list.queryOptions({ limit: 30 }));
  const now = useNow(1_000);
  const open = restocks.data?.items.filter(
    (r) => r.status === 'requested' || r.status === 'in_transit',
  );
  return (
    <section className="card" aria-labelledby="restocks-title">
      <h2 id="restocks-title">Open restocks</h2>
      {restocks.isPending ? (
        <Loading />
      ) : restocks.isError ? (
        <ErrorState error={restocks.error} retry={restocks.refetch} />
      ) : !open?.length ? (
        <Empty>Nothing on order.</Empty>
      ) : (
        <ul className="list">
          {open.map((restock) => {
            const progress = restockProgress(restock, now);
            return (
              <li key={restock.id} className="list-item list-item-stacked">
                <div className="list-row">
                  <Link to={`/inventory/${restock.productId}`}>{restock.productName}</Link>
                  <span className="list-meta">
                    <span className="num">{count(restock.quantity)} units</span>
                    <StatusPill status={restock.status} />
                  </span>
                </div>
                <div
                  className="progress"
                  role="progressbar"
                  aria-label={`Restock ${restock.id} of ${restock.productName}`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(progress * 100)}
                >
                  <span style={{ width: `${progress * 100}%` }} />
                </div>
                <span className="muted small">
                  {restock.eta ? `ETA ${when(restock.eta)}` : 'Awaiting the supplier'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

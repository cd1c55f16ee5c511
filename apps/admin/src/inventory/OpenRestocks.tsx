import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { count, plural, when } from '../lib/format';
import { trpc } from '../trpc';
import { StatusPill } from '../ui/StatusPill';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useNow } from '../ui/useNow';
import { restockProgress } from './restock-progress';

const SHOWN = 10;

/**
 * Supplier orders on their way, with how far along they are (refetched on restock events):
 * the server counts every open one; the newest few are listed.
 */
export function OpenRestocks() {
  const restocks = useQuery(trpc.admin.restocks.open.queryOptions({ limit: SHOWN }));
  const now = useNow(1_000);
  const total = restocks.data?.count;
  return (
    <section className="card" aria-labelledby="restocks-title">
      <div className="card-head">
        <h2 id="restocks-title">Open restocks</h2>
        {total !== undefined && (
          <span className="card-count num" data-testid="open-restocks-count">
            {count(total)}
          </span>
        )}
      </div>
      {restocks.isPending ? (
        <Loading />
      ) : restocks.isError ? (
        <ErrorState error={restocks.error} retry={restocks.refetch} />
      ) : restocks.data.items.length === 0 ? (
        <Empty>Nothing on order.</Empty>
      ) : (
        <>
          <ul className="list">
            {restocks.data.items.map((restock) => {
              const progress = restockProgress(restock, now);
              return (
                <li key={restock.id} className="list-item list-item-stacked">
                  <div className="list-row">
                    <Link to={`/inventory/${restock.productId}`}>{restock.productName}</Link>
                    <span className="list-meta">
                      <span className="num">{plural(restock.quantity, 'unit')}</span>
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
          {restocks.data.count > restocks.data.items.length && (
            <p className="muted small card-foot">
              The newest {count(restocks.data.items.length)} of {count(restocks.data.count)} open
              restocks.
            </p>
          )}
        </>
      )}
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { CircleCheck, TriangleAlert } from 'lucide-react';
import { trpc } from '../trpc';
import { ErrorState } from '../ui/states';

/** The database's own `inventory_check`: run on demand, as it reads every product. */
export function InvariantCheck() {
  const check = useQuery({
    ...trpc.admin.inventory.check.queryOptions(),
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <section className="card" aria-labelledby="check-title">
      <div className="card-head">
        <h2 id="check-title">Invariant check</h2>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => check.refetch()}
          disabled={check.isFetching}
        >
          {check.isFetching ? 'Checking…' : 'Run check'}
        </button>
      </div>
      <div role="status">
        {check.isError ? (
          <ErrorState error={check.error} />
        ) : !check.data ? (
          <p className="muted">Checks that stock, reservations, the ledger and the outbox agree.</p>
        ) : check.data.ok ? (
          <p className="check-ok">
            <CircleCheck size={18} aria-hidden="true" /> All invariants hold (checked{' '}
            {new Date(check.dataUpdatedAt).toLocaleTimeString()}).
          </p>
        ) : (
          <>
            <p className="check-bad">
              <TriangleAlert size={18} aria-hidden="true" /> {check.data.violations.length}{' '}
              violations
            </p>
            <ul className="violations">
              {check.data.violations.slice(0, 20).map((v) => (
                <li key={`${v.invariant}-${v.entity}-${v.entityId}`}>
                  #{v.invariant} {v.entity} {v.entityId}: {v.detail}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

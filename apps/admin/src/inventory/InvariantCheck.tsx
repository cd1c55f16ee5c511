import { useQuery } from '@tanstack/react-query';
import { CircleCheck, TriangleAlert } from 'lucide-react';
import { plural } from '../lib/format';
import { trpc } from '../trpc';
import { ErrorState } from '../ui/states';

type Mode = 'recent' | 'full';

/** One mode of the check, run only when asked (it reads the database, so not on mount). */
function useCheck(mode: Mode) {
  return useQuery({
    ...trpc.admin.inventory.check.queryOptions({ mode }),
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/**
 * The invariant check: "Run check" reads what changed in the last hour (about a second on
 * a real shop's size), "Full check" every row (seconds to tens of seconds). The answer
 * shown is the last one to arrive, with its mode and how long it took.
 */
export function InvariantCheck() {
  const recent = useCheck('recent');
  const full = useCheck('full');
  const running = recent.isFetching || full.isFetching;
  const at = (q: typeof recent) => Math.max(q.dataUpdatedAt, q.errorUpdatedAt);
  const shown = at(full) > at(recent) ? full : recent;
  const data = shown.data;
  const took = data && (
    <span className="muted">
      {' '}
      ({data.mode === 'recent' ? 'recent' : 'full'} check, {seconds(data.durationMs)}
      {data.scope &&
        `: ${plural(data.scope.variants, 'variant')} and ${plural(data.scope.orders, 'order')} changed in the last hour`}
      , at {new Date(data.checkedAt).toLocaleTimeString()})
    </span>
  );
  return (
    <section className="card" aria-labelledby="check-title">
      <div className="card-head">
        <h2 id="check-title">Invariant check</h2>
        <div className="card-actions">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => recent.refetch()}
            disabled={running}
          >
            {recent.isFetching ? 'Checking…' : 'Run check'}
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => full.refetch()}
            disabled={running}
            title="Every product, order and event: takes longer on a large shop"
          >
            {full.isFetching ? 'Checking every row…' : 'Full check'}
          </button>
        </div>
      </div>
      <div role="status">
        {shown.isError ? (
          <ErrorState error={shown.error} />
        ) : !data ? (
          <p className="muted">
            Checks that stock, reservations, the ledger, order histories and the outbox agree: what
            changed in the last hour, or every row.
          </p>
        ) : data.ok ? (
          <p className="check-ok">
            <CircleCheck size={18} aria-hidden="true" /> All invariants hold{took}
          </p>
        ) : (
          <>
            <p className="check-bad">
              <TriangleAlert size={18} aria-hidden="true" /> {data.violations.length} violations
              {took}
            </p>
            <ul className="violations">
              {data.violations.slice(0, 20).map((v) => (
                <li key={`${v.invariant}-${v.entity}-${v.entityId}-${v.detail}`}>
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

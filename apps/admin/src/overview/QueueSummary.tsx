import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { count, humanize } from '../lib/format';
import { trpc } from '../trpc';
import { ErrorState, Loading } from '../ui/states';

const SHOWN = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Jobs per queue and state, polled: BullMQ's counts are not part of the live events. */
export function QueueSummary() {
  const stats = useQuery({ ...trpc.admin.queues.stats.queryOptions(), refetchInterval: 5_000 });
  return (
    <section className="card" aria-labelledby="queues-title">
      <div className="card-head">
        <h2 id="queues-title">Queues</h2>
        <Link to="/queues">Details</Link>
      </div>
      {stats.isPending ? (
        <Loading />
      ) : stats.isError ? (
        <ErrorState error={stats.error} retry={stats.refetch} />
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Queue</th>
              {SHOWN.map((state) => (
                <th scope="col" className="num" key={state}>
                  {humanize(state)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stats.data.map(({ queue, counts }) => (
              <tr key={queue}>
                <th scope="row">{humanize(queue)}</th>
                {SHOWN.map((state) => (
                  <td
                    key={state}
                    className={state === 'failed' && counts.failed > 0 ? 'num text-danger' : 'num'}
                  >
                    {count(counts[state])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

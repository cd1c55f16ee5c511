import { useQuery } from '@tanstack/react-query';
import { ExternalLink } from 'lucide-react';
import { count, humanize } from '../lib/format';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, Loading } from '../ui/states';
import { FailedJobs } from './FailedJobs';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/** Bull Board, served by apps/server behind the same admin session (a page of its own). */
const BOARD_URL = '/admin/queues/board';

export function Component() {
  const stats = useQuery({ ...trpc.admin.queues.stats.queryOptions(), refetchInterval: 3_000 });
  return (
    <>
      <PageHeader
        title="Queues"
        subtitle="Background jobs: payments and restocks."
        actions={
          <a className="btn" href={BOARD_URL} target="_blank" rel="noreferrer">
            Open Bull Board <ExternalLink size={14} aria-hidden="true" />
          </a>
        }
      />
      <section className="card" aria-labelledby="counts-title">
        <h2 id="counts-title">Jobs by state</h2>
        {stats.isPending ? (
          <Loading />
        ) : stats.isError ? (
          <ErrorState error={stats.error} retry={stats.refetch} />
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Queue</th>
                {STATES.map((state) => (
                  <th scope="col" className="num" key={state}>
                    {humanize(state)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stats.data.map(({ queue, counts }) => (
                <tr key={queue} data-queue={queue}>
                  <th scope="row">{humanize(queue)}</th>
                  {STATES.map((state) => (
                    <td
                      key={state}
                      data-state={state}
                      className={
                        state === 'failed' && counts.failed > 0 ? 'num text-danger strong' : 'num'
                      }
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
      {/* The queues the server reports, so this page needs no copy of the list. */}
      {stats.data?.map(({ queue }) => (
        <FailedJobs key={queue} queue={queue} />
      ))}
    </>
  );
}

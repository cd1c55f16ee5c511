import { useQuery } from '@tanstack/react-query';
import { ExternalLink } from 'lucide-react';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { FailedJobs } from './FailedJobs';
import { QueueCounts } from './QueueCounts';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/** Bull Board, served by apps/server behind the same admin session (a page of its own). */
const BOARD_URL = '/admin/queues/board';

export function QueuesPage() {
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
        <QueueCounts stats={stats} states={STATES} full />
      </section>
      {/* The queues the server reports, so this page needs no copy of the list. */}
      {stats.data?.map(({ queue }) => (
        <FailedJobs key={queue} queue={queue} />
      ))}
    </>
  );
}

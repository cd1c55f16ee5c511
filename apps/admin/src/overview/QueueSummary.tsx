import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueueCounts } from '../queues/QueueCounts';
import { trpc } from '../trpc';

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
      <QueueCounts stats={stats} states={SHOWN} />
    </section>
  );
}

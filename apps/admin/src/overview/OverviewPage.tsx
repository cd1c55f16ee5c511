import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { todayRange } from '../lib/today';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { KpiCards } from './KpiCards';
import { LowStock } from './LowStock';
import { OrderFeed } from './OrderFeed';
import { QueueSummary } from './QueueSummary';

/** Today at a glance, kept live: totals, the order feed, stock running low, the queues. */
export function OverviewPage() {
  // Fixed for the page's life, so the query key (and the cache it is patched in) holds.
  const [range] = useState(todayRange);
  const today = useQuery(
    trpc.admin.sales.summary.queryOptions({ ...range, bucket: 'hour', top: 5 }),
  );
  return (
    <>
      <PageHeader title="Overview" subtitle="Today, live as orders arrive" />
      <KpiCards summary={today} />
      <div className="grid-overview">
        <OrderFeed />
        <div className="stack">
          <LowStock />
          <QueueSummary />
        </div>
      </div>
    </>
  );
}

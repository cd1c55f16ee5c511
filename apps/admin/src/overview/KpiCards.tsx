import { formatCents } from '@stockpulse/shared/money';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SalesSummary as Summary } from '../lib/api-types';
import { count } from '../lib/format';
import { ErrorState } from '../ui/states';
import { HourlyBars } from './HourlyBars';

export function KpiCards({ summary }: { summary: UseQueryResult<Summary, unknown> }) {
  if (summary.isError) return <ErrorState error={summary.error} retry={summary.refetch} />;
  const totals = summary.data?.totals;
  const cards = [
    { key: 'revenue', label: 'Revenue today', value: totals && formatCents(totals.revenueCents) },
    { key: 'orders', label: 'Paid orders', value: totals && count(totals.orders) },
    {
      key: 'aov',
      label: 'Average order',
      value: totals && formatCents(Math.round(totals.averageOrderCents)),
    },
    { key: 'units', label: 'Units sold', value: totals && count(totals.units) },
  ];
  return (
    <section className="kpis" aria-label="Today's totals">
      {cards.map((card) => (
        <div className="kpi card" key={card.key} data-kpi={card.key}>
          <span className="kpi-label">{card.label}</span>
          <span className="kpi-value" aria-busy={card.value === undefined}>
            {card.value ?? <span className="skeleton skeleton-kpi" />}
          </span>
          {card.key === 'revenue' && summary.data && <HourlyBars series={summary.data.series} />}
          {card.key === 'orders' && totals && totals.cancelledOrders > 0 && (
            <span className="kpi-note">{count(totals.cancelledOrders)} cancelled</span>
          )}
        </div>
      ))}
    </section>
  );
}

import { formatCents } from '@stockpulse/shared/money';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { count, plural } from '../lib/format';
import { trpc } from '../trpc';
import { PageHeader } from '../ui/PageHeader';
import { Empty, ErrorState, Loading } from '../ui/states';
import { num, TableHead } from '../ui/TableHead';
import { TableScroll } from '../ui/TableScroll';
import {
  allowedBucket,
  type Bucket,
  customRange,
  dayText,
  defaultBucket,
  PRESETS,
  type Preset,
  presetRange,
  withinLimits,
} from './sales-range';

const SalesCharts = lazy(async () => ({ default: (await import('./SalesCharts')).SalesCharts }));

export function SalesPage() {
  const [preset, setPreset] = useState<Preset>('30d');
  const [chosenBucket, setChosenBucket] = useState<Bucket | null>(null);
  const [custom, setCustom] = useState(() => {
    const last30 = presetRange('30d');
    return { from: dayText(last30.from), to: dayText(new Date(last30.to.getTime() - 1)) };
  });
  const picked = preset === 'custom' ? customRange(custom.from, custom.to) : presetRange(preset);
  const chosenRange = picked && withinLimits(picked) ? picked : null;
  // Custom dates that make no range the API answers: the last 30 days meanwhile.
  const range = chosenRange ?? presetRange('30d');
  const bucket = allowedBucket(range, chosenBucket ?? defaultBucket(range));
  const summary = useQuery({
    ...trpc.admin.sales.summary.queryOptions({ ...range, bucket, top: 10 }),
    placeholderData: keepPreviousData,
  });
  const totals = summary.data?.totals;
  return (
    <>
      <PageHeader
        title="Sales"
        subtitle="Paid, shipped and delivered orders; times in UTC buckets."
        actions={
          <div className="row">
            <label className="select">
              <span className="sr-only">Range</span>
              <select value={preset} onChange={(event) => setPreset(event.target.value as Preset)}>
                {Object.entries(PRESETS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            {preset === 'custom' && (
              <>
                <label className="date-input">
                  From
                  <input
                    type="date"
                    value={custom.from}
                    max={custom.to}
                    onChange={(event) => setCustom({ ...custom, from: event.target.value })}
                  />
                </label>
                <label className="date-input">
                  To
                  <input
                    type="date"
                    value={custom.to}
                    min={custom.from}
                    onChange={(event) => setCustom({ ...custom, to: event.target.value })}
                  />
                </label>
              </>
            )}
            {preset === 'custom' && !chosenRange && (
              <span className="form-error" role="alert">
                Pick an end on or after the start, at most two years apart.
              </span>
            )}
            <fieldset className="segmented plain-fieldset">
              <legend className="sr-only">Bucket</legend>
              {(['hour', 'day'] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={bucket === value}
                  disabled={allowedBucket(range, value) !== value}
                  onClick={() => setChosenBucket(value)}
                >
                  {value === 'hour' ? 'Hourly' : 'Daily'}
                </button>
              ))}
            </fieldset>
          </div>
        }
      />
      {summary.isError ? (
        <ErrorState error={summary.error} retry={summary.refetch} />
      ) : !summary.data || !totals ? (
        <Loading />
      ) : (
        <>
          <section className="kpis kpis-5" aria-label="Totals">
            <div className="kpi card" data-kpi="gross">
              <span className="kpi-label">Gross revenue</span>
              <span className="kpi-value">{formatCents(totals.revenueCents)}</span>
            </div>
            <div className="kpi card" data-kpi="net">
              <span className="kpi-label">Net revenue</span>
              <span className="kpi-value">{formatCents(totals.netRevenueCents)}</span>
              <span className="kpi-note">
                {totals.refundsCents > 0
                  ? `${formatCents(totals.refundsCents)} refunded`
                  : 'Nothing refunded'}
              </span>
            </div>
            <div className="kpi card">
              <span className="kpi-label">Orders</span>
              <span className="kpi-value">{count(totals.orders)}</span>
            </div>
            <div className="kpi card">
              <span className="kpi-label">Average order</span>
              <span className="kpi-value">{formatCents(Math.round(totals.averageOrderCents))}</span>
            </div>
            <div className="kpi card">
              <span className="kpi-label">Units sold</span>
              <span className="kpi-value">{count(totals.units)}</span>
              {totals.cancelledOrders > 0 && (
                <span className="kpi-note">
                  {plural(totals.cancelledOrders, 'order')} cancelled
                </span>
              )}
            </div>
          </section>
          <Suspense fallback={<Loading label="Loading charts…" />}>
            <SalesCharts summary={summary.data} bucket={bucket} />
          </Suspense>
          <section className="card" aria-labelledby="top-title">
            <h2 id="top-title">Top products</h2>
            {summary.data.topProducts.length === 0 ? (
              <Empty>No sales in this range.</Empty>
            ) : (
              <TableScroll>
                <table className="table">
                  <TableHead columns={['Product', 'SKU', num('Units'), num('Revenue')]} />
                  <tbody>
                    {summary.data.topProducts.map((p) => (
                      <tr key={p.productId}>
                        <td>{p.name}</td>
                        <td className="muted">{p.sku}</td>
                        <td className="num">{count(p.units)}</td>
                        <td className="num">{formatCents(p.revenueCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
        </>
      )}
    </>
  );
}

import { formatCents } from '@stockpulse/shared/money';

const hour = new Intl.DateTimeFormat('en-US', { hour: 'numeric' });

/** Today's revenue per hour as a tiny bar strip: CSS only, no chart library on this page. */
export function HourlyBars({ series }: { series: { bucketStart: Date; revenueCents: number }[] }) {
  const max = Math.max(1, ...series.map((point) => point.revenueCents));
  return (
    <div className="sparkbars" aria-hidden="true">
      {series.map((point) => (
        <span
          key={point.bucketStart.getTime()}
          title={`${hour.format(point.bucketStart)}: ${formatCents(point.revenueCents)}`}
          style={{ height: `${Math.max(4, (point.revenueCents / max) * 100)}%` }}
          className={point.revenueCents > 0 ? 'bar' : 'bar bar-empty'}
        />
      ))}
    </div>
  );
}

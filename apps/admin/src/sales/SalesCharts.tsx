import { formatCents } from '@stockpulse/shared/money';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SalesSummary } from '../lib/api-types';
import { count } from '../lib/format';
import type { Bucket } from './sales-range';

const hourLabel = new Intl.DateTimeFormat('en-US', { weekday: 'short', hour: 'numeric' });
const dayLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** Revenue and orders over time. Loaded on its own (React.lazy): recharts is most of its weight. */
export function SalesCharts({ summary, bucket }: { summary: SalesSummary; bucket: Bucket }) {
  const label = bucket === 'hour' ? hourLabel : dayLabel;
  const data = summary.series.map((point) => ({
    at: label.format(point.bucketStart),
    revenue: point.revenueCents / 100,
    orders: point.orders,
  }));
  return (
    <div className="charts">
      <figure className="card chart">
        <figcaption>Revenue</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
            <defs>
              <linearGradient id="revenue-fill" x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor="#4f46e5" stopOpacity={0.35} />
                <stop offset="100%" stopColor="#4f46e5" stopOpacity={0} />
              </linearGradient>
            </defs>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="at" tick={{ fontSize: 12 }} minTickGap={24} />
            <YAxis
              tick={{ fontSize: 12 }}
              width={72}
              tickFormatter={(value: number) => formatCents(value * 100)}
            />
            <Tooltip formatter={(value) => formatCents(Number(value) * 100)} />
            <Area
              type="monotone"
              dataKey="revenue"
              name="Revenue"
              stroke="#4f46e5"
              strokeWidth={2}
              fill="url(#revenue-fill)"
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </figure>
      <figure className="card chart">
        <figcaption>Orders</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="at" tick={{ fontSize: 12 }} minTickGap={24} />
            <YAxis tick={{ fontSize: 12 }} width={48} allowDecimals={false} />
            <Tooltip formatter={(value) => count(Number(value))} />
            <Bar
              dataKey="orders"
              name="Orders"
              fill="#0ea5e9"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}

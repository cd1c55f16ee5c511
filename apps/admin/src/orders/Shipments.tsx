import { lineLabel } from '../fulfilment/lines';
import type { AdminOrder } from '../lib/api-types';
import { count, plural, when } from '../lib/format';

/** The order's parcels, oldest first: where from, carrier and tracking, when, what was in it. */
export function Shipments({ order }: { order: AdminOrder }) {
  const shipments = order.shipments ?? [];
  if (shipments.length === 0) return <p className="muted">Nothing has shipped yet.</p>;
  const byLine = new Map(order.lines.map((l) => [l.orderDetailId, l]));
  return (
    <ol className="shipments">
      {shipments.map((s, i) => {
        const units = s.lines.reduce((sum, l) => sum + l.quantity, 0);
        return (
          <li key={s.id} className="shipment" data-shipment-id={s.id}>
            <div className="shipment-head">
              <span className="strong">
                Parcel {i + 1} · {plural(units, 'unit')} from {s.locationName}
              </span>
              <time className="muted small" dateTime={s.createdAt.toISOString()}>
                {when(s.createdAt)}
              </time>
            </div>
            <div>
              {s.carrier} · <span className="mono">{s.trackingNumber}</span>
            </div>
            <ul>
              {s.lines.map((l) => {
                const line = byLine.get(l.orderDetailId);
                return (
                  <li key={l.orderDetailId}>
                    {count(l.quantity)} × {line ? lineLabel(line) : `line ${l.orderDetailId}`}
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}

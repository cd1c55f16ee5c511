import { Link } from 'react-router';
import { lineLabel } from '../fulfilment/lines';
import type { AdminOrder } from '../lib/api-types';
import { count, plural, when } from '../lib/format';
import { StatusPill } from '../ui/StatusPill';

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

/** The order's returns, each linking to its dialog on the Returns page. */
export function OrderReturns({ order }: { order: AdminOrder }) {
  const returns = order.returns ?? [];
  if (returns.length === 0) return null;
  const byLine = new Map(order.lines.map((l) => [l.orderDetailId, l]));
  return (
    <section className="card" aria-labelledby="returns-title">
      <h2 id="returns-title">Returns</h2>
      <ul className="list">
        {returns.map((r) => (
          <li key={r.id} className="list-item" data-return-id={r.id}>
            <span className="cell-two-line">
              <Link to={`/returns?id=${r.id}`} className="strong">
                Return #{r.id}
              </Link>
              <span className="muted small">
                {r.lines
                  .map((l) => {
                    const line = byLine.get(l.orderDetailId);
                    return `${count(l.quantity)} × ${line ? lineLabel(line) : `line ${l.orderDetailId}`}`;
                  })
                  .join(', ')}{' '}
                · {when(r.createdAt)}
              </span>
            </span>
            <StatusPill status={r.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}

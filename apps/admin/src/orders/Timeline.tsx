import { actorOf } from '@stockpulse/shared';
import type { AdminOrder } from '../lib/api-types';
import { humanize, when } from '../lib/format';

export function Timeline({ order }: { order: AdminOrder }) {
  const events = order.events?.length
    ? order.events
    : [
        {
          from: null,
          to: 'pending' as const,
          actor: actorOf('customer', order.customer.id),
          actorName: order.customer.name,
          reason: null,
          at: order.createdAt,
        },
      ];
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={`${event.to}-${event.at.getTime()}`} className={`timeline-item tl-${event.to}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <div>
            <strong>{humanize(event.to)}</strong>
            <span className="muted">
              {' '}
              · {when(event.at)} · <span title={event.actor}>{event.actorName}</span>
            </span>
            {event.reason && <p className="timeline-reason">{humanize(event.reason)}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}

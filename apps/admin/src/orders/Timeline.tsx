import type { AdminOrder } from '../lib/api-types';
import { humanize, when } from '../lib/format';

/** "admin:3" → "Admin #3", "worker" → "Worker": who moved the order. */
export function actorLabel(actor: string): string {
  const [kind, id] = actor.split(':');
  return id ? `${humanize(kind ?? actor)} #${id}` : humanize(actor);
}

export function Timeline({ order }: { order: AdminOrder }) {
  const events = order.events?.length
    ? order.events
    : [
        {
          from: null,
          to: 'pending' as const,
          actor: 'customer',
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
              · {when(event.at)} · {actorLabel(event.actor)}
            </span>
            {event.reason && <p className="timeline-reason">{humanize(event.reason)}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}

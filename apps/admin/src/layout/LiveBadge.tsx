import { useLiveStatus } from '@stockpulse/live';

const LABELS = { live: 'Live', connecting: 'Connecting…', offline: 'Offline' } as const;

/** Whether the socket is up: staff should know when the screen stops updating itself. */
export function LiveBadge() {
  const status = useLiveStatus();
  return (
    <span className={`live-badge live-${status}`} role="status" data-live-status={status}>
      <span className="live-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}

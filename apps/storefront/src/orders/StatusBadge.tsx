import type { OrderStatus } from '@stockpulse/shared';
import { STATUS_LABELS } from './status';
import './status-badge.css';

export function StatusBadge({ status, flash = false }: { status: OrderStatus; flash?: boolean }) {
  return (
    <span
      className={`status-badge status-${status}${flash ? ' status-changed' : ''}`}
      data-testid="order-status"
      data-status={status}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}

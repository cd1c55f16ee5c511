import type { OrderStatus } from '@stockpulse/shared';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  partially_shipped: 'Partly shipped',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

/** A timeline step names what happened, where a badge names where the order stands. */
export const STEP_LABELS: Record<OrderStatus, string> = {
  pending: 'Order placed',
  paid: 'Payment confirmed',
  partially_shipped: 'First parcel shipped',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

/** The happy path, in order: what the timeline draws. */
export const PROGRESS: readonly OrderStatus[] = ['pending', 'paid', 'shipped', 'delivered'];

const REASONS: Record<string, string> = {
  payment_failed: 'The payment did not go through.',
  expired: 'The order was not paid in time.',
  'cancelled by customer': 'You cancelled this order.',
};

/** A cancel reason in plain words (system codes translated, people's words kept). */
export function cancelReasonText(reason: string | null | undefined): string {
  if (!reason) return 'This order was cancelled.';
  return REASONS[reason] ?? reason.charAt(0).toUpperCase() + reason.slice(1);
}

export interface TimelineEvent {
  to: OrderStatus;
  at: Date;
  reason: string | null;
}

export interface TimelineStep {
  status: OrderStatus;
  label: string;
  state: 'done' | 'current' | 'upcoming';
  at: Date | null;
  note: string | null;
}

/**
 * The steps of an order's timeline: pending → paid → shipped → delivered, each done,
 * current or upcoming, with the time it happened (from the events). A cancelled order
 * shows the steps it reached, then the cancellation with its reason.
 */
export function buildTimeline(
  status: OrderStatus,
  events: readonly TimelineEvent[],
  createdAt: Date,
  cancelReason: string | null = null,
): TimelineStep[] {
  const at = (s: OrderStatus) =>
    events.findLast((event) => event.to === s)?.at ?? (s === 'pending' ? createdAt : null);
  const step = (s: OrderStatus, state: TimelineStep['state']): TimelineStep => ({
    status: s,
    label: STEP_LABELS[s],
    state,
    at: state === 'upcoming' ? null : at(s),
    note: null,
  });

  // A first parcel is a step of its own only for an order that shipped in several.
  const partly =
    status === 'partially_shipped' || events.some((event) => event.to === 'partially_shipped');
  const path: readonly OrderStatus[] = partly
    ? ['pending', 'paid', 'partially_shipped', 'shipped', 'delivered']
    : PROGRESS;
  if (status === 'cancelled') {
    const reached = path.filter((s) => s === 'pending' || at(s) !== null);
    const reason = events.findLast((event) => event.to === 'cancelled')?.reason ?? cancelReason;
    return [
      ...reached.map((s) => step(s, 'done')),
      { ...step('cancelled', 'current'), note: cancelReasonText(reason) },
    ];
  }
  const current = path.indexOf(status);
  return path.map((s, index) =>
    step(s, index < current ? 'done' : index === current ? 'current' : 'upcoming'),
  );
}

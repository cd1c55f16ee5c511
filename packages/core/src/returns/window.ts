import { DEFAULT_RETURN_WINDOW_DAYS, type OrderStatus } from '@stockpulse/shared';

const DAY_MS = 86_400_000;

/**
 * The last moment a shopper may ask for a return (DESIGN §12): RETURN_WINDOW_DAYS after
 * the order's latest delivery; null for an order not delivered. What the order page shows
 * next to "Return items"; `requestReturn` applies the same rule under the order lock.
 */
export function returnWindowEndsAt(
  order: { status: OrderStatus; events?: readonly { to: OrderStatus; at: Date }[] },
  windowDays = DEFAULT_RETURN_WINDOW_DAYS,
): Date | null {
  if (order.status !== 'delivered') return null;
  const delivered = order.events?.findLast((event) => event.to === 'delivered')?.at;
  return delivered ? new Date(delivered.getTime() + windowDays * DAY_MS) : null;
}

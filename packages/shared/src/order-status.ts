/**
 * The order state machine of DESIGN §4: the one place that says which status may
 * follow which. The database, the API and both fronts read it from here.
 */
export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_TRANSITIONS = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>;

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return (ORDER_TRANSITIONS[from] as readonly OrderStatus[]).includes(to);
}

/** Statuses whose lines hold a stock reservation (invariant 3). */
export const RESERVING_STATUSES = ['pending', 'paid'] as const satisfies readonly OrderStatus[];

/** Statuses that count as revenue in the sales report. */
export const REVENUE_STATUSES = [
  'paid',
  'shipped',
  'delivered',
] as const satisfies readonly OrderStatus[];

export function isRevenueStatus(status: OrderStatus): boolean {
  return (REVENUE_STATUSES as readonly OrderStatus[]).includes(status);
}

/** Why an order was cancelled, when the system (not a person) did it. */
export const SYSTEM_CANCEL_REASONS = ['payment_failed', 'expired'] as const;

/**
 * The order state machine of DESIGN §4: the one place that says which status may
 * follow which. The database, the API and both fronts read it from here.
 */
export const ORDER_STATUSES = [
  'pending',
  'paid',
  'partially_shipped',
  'shipped',
  'delivered',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The same statuses in the order the database's ENUM columns hold them: a value added
 * later goes at the end, so adding it is an instant ALTER on a table of a million orders
 * (MariaDB rebuilds the table for a value inserted in the middle).
 */
export const ORDER_STATUS_COLUMN_VALUES = [
  'pending',
  'paid',
  'shipped',
  'delivered',
  'cancelled',
  'partially_shipped',
] as const satisfies readonly OrderStatus[];

/**
 * DESIGN §12: `paid` means the payment is authorized; shipping some lines makes an order
 * `partially_shipped`, shipping (or cancelling) the last open unit makes it `shipped`. An
 * order with a shipment is no longer cancelled as a whole: its open lines are
 * (`admin.orders.cancelLines`).
 */
export const ORDER_TRANSITIONS = {
  pending: ['paid', 'cancelled'],
  paid: ['partially_shipped', 'shipped', 'cancelled'],
  partially_shipped: ['shipped'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>;

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return (ORDER_TRANSITIONS[from] as readonly OrderStatus[]).includes(to);
}

/** Statuses whose lines hold a stock reservation (invariant 3). */
export const RESERVING_STATUSES = [
  'pending',
  'paid',
  'partially_shipped',
] as const satisfies readonly OrderStatus[];

/** Statuses that count as revenue in the sales report. */
export const REVENUE_STATUSES = [
  'paid',
  'partially_shipped',
  'shipped',
  'delivered',
] as const satisfies readonly OrderStatus[];

export function isRevenueStatus(status: OrderStatus): boolean {
  return (REVENUE_STATUSES as readonly OrderStatus[]).includes(status);
}

/** Why an order was cancelled, when the system (not a person) did it. */
export const SYSTEM_CANCEL_REASONS = ['payment_failed', 'expired'] as const;

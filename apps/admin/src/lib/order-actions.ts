import { canTransition, type OrderStatus } from '@stockpulse/shared';

/** What staff may do to an order; `paid` is the payment processor's alone (DESIGN §5). */
export type AdminOrderTarget = 'shipped' | 'delivered' | 'cancelled';

export interface OrderAction {
  to: AdminOrderTarget;
  label: string;
  /** Shown in the confirmation. */
  confirm: string;
  needsReason: boolean;
  tone: 'primary' | 'danger';
}

const ACTIONS: readonly OrderAction[] = [
  {
    to: 'shipped',
    label: 'Mark shipped',
    confirm: 'The customer will see the order as shipped; reserved stock leaves the shelf.',
    needsReason: false,
    tone: 'primary',
  },
  {
    to: 'delivered',
    label: 'Mark delivered',
    confirm: 'The order is complete; this cannot be undone.',
    needsReason: false,
    tone: 'primary',
  },
  {
    to: 'cancelled',
    label: 'Cancel order',
    confirm: 'Reserved stock goes back on sale and the customer sees your reason.',
    needsReason: true,
    tone: 'danger',
  },
];

/** The actions the order state machine allows from `status`, and nothing else. */
export function allowedActions(status: OrderStatus): OrderAction[] {
  return ACTIONS.filter((action) => canTransition(status, action.to));
}

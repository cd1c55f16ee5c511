import type {
  OrderActivity,
  OrderActivityKind,
  OrderStatus,
  PaymentStatus,
} from '@stockpulse/shared';
import type { OutboxEvent } from '../outbox/messages';

export interface ActivityInput {
  orderId: number;
  customerId: number;
  kind: OrderActivityKind;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  refId?: number | null;
  summary: string;
  at?: Date;
}

/**
 * The `order:activity` outbox row of a payment, shipment, line cancellation, return or
 * refund (DESIGN §12): staff and the order's customer hear it once the change commits.
 */
export function orderActivity(input: ActivityInput): OutboxEvent {
  const payload: OrderActivity = {
    orderId: input.orderId,
    customerId: input.customerId,
    kind: input.kind,
    status: input.status,
    paymentStatus: input.paymentStatus,
    refId: input.refId ?? null,
    summary: input.summary,
    at: (input.at ?? new Date()).toISOString(),
  };
  return { kind: 'event', topic: 'order:activity', payload };
}

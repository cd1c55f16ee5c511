import type { Database } from '@stockpulse/db';
import { DomainError } from '@stockpulse/shared';
import { actorOf } from '../actors';
import { withActorNames } from '../actors/names';
import { customerEmails } from './admin-list';
import { getOrder, type OrderEventView, type OrderView } from './queries';
import { transitionOrder } from './transition';

export interface AdminOrderView extends OrderView {
  customer: { id: number; name: string; email: string };
  /** Staff see who moved the order by name ("Ada Lovelace", "Background worker"). */
  events: (OrderEventView & { actorName: string })[];
}

/** One order for the console: lines, customer, shipping address, status timeline. */
export async function getAdminOrder(db: Database, orderId: number): Promise<AdminOrderView> {
  const order = await getOrder(db, orderId);
  if (!order) throw new DomainError('NOT_FOUND', `Order ${orderId} not found`);
  const [emails, events] = await Promise.all([
    customerEmails(db, [order.customerId]),
    withActorNames(db, order.events ?? []),
  ]);
  return {
    ...order,
    events,
    customer: {
      id: order.customerId,
      name: order.customerName,
      email: emails.get(order.customerId) ?? '',
    },
  };
}

/** What an admin may move an order to; `paid` is the payment processor's alone. */
export const ADMIN_ORDER_TARGETS = ['shipped', 'delivered', 'cancelled'] as const;
export type AdminOrderTarget = (typeof ADMIN_ORDER_TARGETS)[number];

/** Ships, delivers or cancels an order as admin `adminId`, then answers the order as it is now. */
export async function transitionAdminOrder(
  db: Database,
  input: { adminId: number; orderId: number; to: AdminOrderTarget; reason?: string | undefined },
): Promise<AdminOrderView> {
  await transitionOrder(db, {
    orderId: input.orderId,
    to: input.to,
    actor: actorOf('admin', input.adminId),
    reason: input.reason ?? null,
  });
  return getAdminOrder(db, input.orderId);
}

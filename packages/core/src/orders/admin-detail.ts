import { type Database, schema } from '@stockpulse/db';
import { DomainError } from '@stockpulse/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import { actorOf } from '../actors';
import { withActorNames } from '../actors/names';
import { customerEmails } from './admin-list';
import { getOrder, type OrderEventView, type OrderLineView, type OrderView } from './queries';
import { transitionOrder, UNSPECIFIED_CARRIER, UNTRACKED } from './transition';

export interface AdminOrderLine extends OrderLineView {
  /** The variant's SKU. */
  sku: string;
  /** Where its units were reserved (DESIGN §11), by location id, and what became of them. */
  allocations: {
    locationId: number;
    locationName: string;
    quantity: number;
    shippedQuantity: number;
    cancelledQuantity: number;
  }[];
}

/**
 * The latest payment attempt's amounts (DESIGN §12), for staff: what was authorized and
 * captured, refunded, still being refunded, and what a refund may still take (captured −
 * refunded − pending, as `requestRefundInTx` counts it; 0 until captured).
 */
export interface AdminPaymentAmounts {
  status: string;
  authorizedCents: number;
  capturedCents: number;
  refundedCents: number;
  pendingRefundCents: number;
  refundableCents: number;
}

export interface AdminOrderView extends OrderView {
  money: AdminPaymentAmounts | null;
  lines: AdminOrderLine[];
  customer: { id: number; name: string; email: string };
  /** Staff see who moved the order by name ("Ada Lovelace", "Background worker"). */
  events: (OrderEventView & { actorName: string })[];
}

/** One order for the console: lines, customer, shipping address, status timeline. */
export async function getAdminOrder(db: Database, orderId: number): Promise<AdminOrderView> {
  const order = await getOrder(db, orderId);
  if (!order) throw new DomainError('NOT_FOUND', `Order ${orderId} not found`);
  const [emails, events, allocations, money] = await Promise.all([
    customerEmails(db, [order.customerId]),
    withActorNames(db, order.events ?? []),
    db
      .select({
        variantId: schema.orderDetails.variantId,
        sku: schema.variants.sku,
        locationId: schema.orderAllocations.locationId,
        locationName: schema.locations.name,
        quantity: schema.orderAllocations.quantity,
        shippedQuantity: schema.orderAllocations.shippedQuantity,
        cancelledQuantity: schema.orderAllocations.cancelledQuantity,
      })
      .from(schema.orderDetails)
      .innerJoin(schema.variants, eq(schema.variants.id, schema.orderDetails.variantId))
      .innerJoin(
        schema.orderAllocations,
        eq(schema.orderAllocations.orderDetailId, schema.orderDetails.id),
      )
      .innerJoin(schema.locations, eq(schema.locations.id, schema.orderAllocations.locationId))
      .where(eq(schema.orderDetails.orderId, orderId)),
    paymentAmounts(db, orderId),
  ]);
  // By location, sorted here: a few rows, and an ORDER BY would sort through a temporary table.
  allocations.sort((a, b) => a.locationId - b.locationId);
  const lines = order.lines.map((line) => {
    const mine = allocations.filter((a) => a.variantId === line.variantId);
    return {
      ...line,
      sku: mine[0]?.sku ?? '',
      allocations: mine.map(
        ({ locationId, locationName, quantity, shippedQuantity, cancelledQuantity }) => ({
          locationId,
          locationName,
          quantity,
          shippedQuantity,
          cancelledQuantity,
        }),
      ),
    };
  });
  return {
    ...order,
    lines,
    events,
    money,
    customer: {
      id: order.customerId,
      name: order.customerName,
      email: emails.get(order.customerId) ?? '',
    },
  };
}

/** The latest attempt (payments_order_idx) and its pending refunds (refunds_payment_idx). */
async function paymentAmounts(db: Database, orderId: number): Promise<AdminPaymentAmounts | null> {
  const [payment] = await db
    .select({
      id: schema.payments.id,
      status: schema.payments.status,
      amountCents: schema.payments.amountCents,
      capturedCents: schema.payments.capturedCents,
      refundedCents: schema.payments.refundedCents,
    })
    .from(schema.payments)
    .where(eq(schema.payments.orderId, orderId))
    .orderBy(desc(schema.payments.id))
    .limit(1);
  if (!payment) return null;
  const [pending] = await db
    .select({ cents: sql<string | null>`SUM(${schema.refunds.amountCents})` })
    .from(schema.refunds)
    .where(and(eq(schema.refunds.paymentId, payment.id), eq(schema.refunds.status, 'pending')));
  const pendingRefundCents = Number(pending?.cents ?? 0);
  return {
    status: payment.status,
    authorizedCents: payment.amountCents,
    capturedCents: payment.capturedCents,
    refundedCents: payment.refundedCents,
    pendingRefundCents,
    refundableCents:
      payment.status === 'captured'
        ? Math.max(0, payment.capturedCents - payment.refundedCents - pendingRefundCents)
        : 0,
  };
}

/** What an admin may move an order to; `paid` is the payment processor's alone. */
export const ADMIN_ORDER_TARGETS = ['shipped', 'delivered', 'cancelled'] as const;
export type AdminOrderTarget = (typeof ADMIN_ORDER_TARGETS)[number];

/** Ships, delivers or cancels an order as admin `adminId`, then answers the order as it is now. */
export async function transitionAdminOrder(
  db: Database,
  input: {
    adminId: number;
    orderId: number;
    to: AdminOrderTarget;
    reason?: string | undefined;
    /** For 'shipped': the parcel of every open unit (default carrier 'Unspecified'). */
    carrier?: string | undefined;
    trackingNumber?: string | undefined;
  },
): Promise<AdminOrderView> {
  await transitionOrder(db, {
    orderId: input.orderId,
    to: input.to,
    actor: actorOf('admin', input.adminId),
    reason: input.reason ?? null,
    shipment:
      input.carrier || input.trackingNumber
        ? {
            carrier: input.carrier ?? UNSPECIFIED_CARRIER,
            trackingNumber: input.trackingNumber ?? UNTRACKED,
          }
        : undefined,
  });
  return getAdminOrder(db, input.orderId);
}

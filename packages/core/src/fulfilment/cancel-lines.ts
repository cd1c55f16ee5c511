import { type Database, schema } from '@stockpulse/db';
import {
  DomainError,
  formatCents,
  isRevenueStatus,
  type LineQuantity,
  type OrderStatus,
} from '@stockpulse/shared';
import { plural } from '@stockpulse/shared/plural';
import { and, eq, sql } from 'drizzle-orm';
import { inTransaction, type Tx } from '../db/transaction';
import { moveStock } from '../inventory/stock';
import { transitionInTx } from '../orders/transition';
import { writeOutbox } from '../outbox/write';
import { orderActivity } from '../payments/activity';
import { requestRefundInTx } from '../payments/refund-request';
import { recordMoneyBack } from '../reports/money-back';
import {
  allocationsOf,
  latestPayment,
  lockOrder,
  type OpenAllocation,
  refuseOverOpen,
  requestedLines,
} from './open-units';

export interface CancelLinesInput {
  orderId: number;
  lines: LineQuantity[];
  reason: string;
  /** `admin:3`. */
  actor: string;
}

export interface CancelLinesResult {
  orderId: number;
  status: OrderStatus;
  amountCents: number;
  /** The refund asked for when the payment was captured already. */
  refundId: number | null;
}

/**
 * Paid (authorized) and partly shipped orders: an order still awaiting payment is cancelled
 * whole or not at all, since its authorization would still ask for the lines' money and
 * its gross is not counted yet (so neither is what would come back).
 */
const CANCELLABLE: readonly OrderStatus[] = ['paid', 'partially_shipped'];

/**
 * Cancels open (unshipped) units of an order's lines (DESIGN §12) in one transaction:
 * order row first; the units' reservations released from the lowest-priority location
 * first (ledger 'release', ref order); cancelled_quantity on allocations and lines; the
 * money (a refund of a captured payment, or the amount counted as given back before
 * capture); the order cancelled (nothing shipped) or shipped (the rest shipped) when no
 * unit is left open; `order:activity` kind lines_cancelled.
 */
export function cancelLines(db: Database, input: CancelLinesInput): Promise<CancelLinesResult> {
  return inTransaction(db, (tx) => cancelLinesInTx(tx, input));
}

export async function cancelLinesInTx(tx: Tx, input: CancelLinesInput): Promise<CancelLinesResult> {
  const order = await lockOrder(tx, input.orderId);
  if (!CANCELLABLE.includes(order.status)) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `Lines of an order that is ${order.status} cannot be cancelled`,
      { from: order.status, to: 'cancelled' },
    );
  }
  const allocations = await allocationsOf(tx, order.id);
  const wanted = requestedLines(order.id, input.lines, allocations);
  // Lowest-priority location first: the units left open stay where shipping is best.
  const lowestFirst = [...allocations].reverse();
  const takes: { allocation: OpenAllocation; quantity: number }[] = [];
  const over: { orderDetailId: number; requested: number; open: number }[] = [];
  for (const [orderDetailId, requested] of wanted) {
    const mine = lowestFirst.filter((a) => a.orderDetailId === orderDetailId);
    const open = mine.reduce((sum, a) => sum + a.open, 0);
    if (requested > open) {
      over.push({ orderDetailId, requested, open });
      continue;
    }
    let left = requested;
    for (const allocation of mine) {
      const quantity = Math.min(left, allocation.open);
      if (quantity > 0) takes.push({ allocation, quantity });
      left -= quantity;
    }
  }
  refuseOverOpen('cancel', over);

  for (const t of takes) {
    const [updated] = await tx
      .update(schema.orderAllocations)
      .set({
        cancelledQuantity: sql`${schema.orderAllocations.cancelledQuantity} + ${t.quantity}`,
      })
      .where(
        and(
          eq(schema.orderAllocations.orderDetailId, t.allocation.orderDetailId),
          eq(schema.orderAllocations.locationId, t.allocation.locationId),
          sql`${schema.orderAllocations.shippedQuantity} + ${schema.orderAllocations.cancelledQuantity} + ${t.quantity} <= ${schema.orderAllocations.quantity}`,
        ),
      );
    if (updated.affectedRows !== 1) {
      throw new Error(`allocation of line ${t.allocation.orderDetailId} moved while locked`);
    }
  }
  for (const [orderDetailId, quantity] of wanted) {
    await tx
      .update(schema.orderDetails)
      .set({ cancelledQuantity: sql`${schema.orderDetails.cancelledQuantity} + ${quantity}` })
      .where(eq(schema.orderDetails.id, orderDetailId));
  }
  const stock = await moveStock(
    tx,
    takes.map((t) => ({
      variantId: t.allocation.variantId,
      locationId: t.allocation.locationId,
      reserved: -t.quantity,
    })),
    {
      reason: 'release',
      refType: 'order',
      refId: order.id,
      actor: input.actor,
      note: input.reason,
    },
  );

  const now = new Date();
  const units = takes.reduce((sum, t) => sum + t.quantity, 0);
  const amountCents = takes.reduce((sum, t) => sum + t.quantity * t.allocation.unitPriceCents, 0);
  const openAfter = allocations.reduce((sum, a) => sum + a.open, 0) - units;
  const shipped = allocations.reduce((sum, a) => sum + a.shipped, 0);
  const endsCancelled = openAfter === 0 && shipped === 0;
  const payment = await latestPayment(tx, order.id);
  let refundId: number | null = null;
  if (payment?.status === 'captured') {
    ({ refundId } = await requestRefundInTx(tx, {
      orderId: order.id,
      amountCents,
      reason: `lines cancelled: ${input.reason}`,
      actor: input.actor,
    }));
  } else if (isRevenueStatus(order.status)) {
    // Authorized, never taken: the capture takes less (the payments' capture amount). If
    // this cancels the order, the cancellation takes all of it out again with the gross.
    await recordMoneyBack(tx, amountCents, now, 0);
  }

  let status = order.status;
  if (openAfter === 0) {
    status = endsCancelled ? 'cancelled' : 'shipped';
    await transitionInTx(tx, {
      orderId: order.id,
      to: status,
      actor: input.actor,
      reason: status === 'cancelled' ? input.reason : null,
      // The units' reservations were released above: the move must not release them again.
      skipStock: true,
    });
  } else {
    await tx.update(schema.orders).set({ updatedAt: now }).where(eq(schema.orders.id, order.id));
  }
  await writeOutbox(tx, [
    ...stock.events,
    orderActivity({
      orderId: order.id,
      customerId: order.customerId,
      kind: 'lines_cancelled',
      status,
      paymentStatus: order.paymentStatus,
      refId: null,
      summary: `Cancelled ${plural(units, 'item')} (${formatCents(amountCents)}): ${input.reason}`,
      at: now,
    }),
  ]);
  return { orderId: order.id, status, amountCents, refundId };
}

import { type Database, schema } from '@stockpulse/db';
import {
  DEFAULT_LOCATION_ID,
  DomainError,
  formatCents,
  type OrderStatus,
  type PaymentStatus,
  type ReturnDisposition,
  type ReturnStatus,
} from '@stockpulse/shared';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { inTransaction, type Tx } from '../db/transaction';
import { moveStock, type StockDelta } from '../inventory/stock';
import type { OutboxEvent } from '../outbox/messages';
import { writeOutbox } from '../outbox/write';
import { orderActivity } from '../payments/activity';
import { requestRefundInTx } from '../payments/refund-request';

interface Locked {
  id: number;
  orderId: number;
  status: ReturnStatus;
  customerId: number;
  orderStatus: OrderStatus;
  paymentStatus: PaymentStatus;
}

/**
 * The return and its order, locked in the lock order of every order change: the order row
 * first (found through the return), then the return. Two staff actions on one return, or
 * a return action and a refund of its order, serialize here.
 */
async function lockReturn(tx: Tx, id: number, allowed: readonly ReturnStatus[]): Promise<Locked> {
  const [found] = await tx
    .select({ orderId: schema.returns.orderId })
    .from(schema.returns)
    .where(eq(schema.returns.id, id));
  if (!found) throw new DomainError('NOT_FOUND', `Return ${id} not found`);
  const [order] = await tx
    .select({
      customerId: schema.orders.customerId,
      status: schema.orders.status,
      paymentStatus: schema.orders.paymentStatus,
    })
    .from(schema.orders)
    .where(eq(schema.orders.id, found.orderId))
    .for('update');
  const [ret] = await tx
    .select({ status: schema.returns.status })
    .from(schema.returns)
    .where(eq(schema.returns.id, id))
    .for('update');
  if (!order || !ret) throw new DomainError('NOT_FOUND', `Return ${id} not found`);
  if (!allowed.includes(ret.status)) {
    throw new DomainError(
      'RETURN_STATE',
      `Return ${id} is ${ret.status}: this needs it ${allowed.join(' or ')}`,
      { status: ret.status, allowed },
    );
  }
  return {
    id,
    orderId: found.orderId,
    status: ret.status,
    customerId: order.customerId,
    orderStatus: order.status,
    paymentStatus: order.paymentStatus,
  };
}

function activity(locked: Locked, summary: string): OutboxEvent {
  return orderActivity({
    orderId: locked.orderId,
    customerId: locked.customerId,
    kind: 'return',
    status: locked.orderStatus,
    paymentStatus: locked.paymentStatus,
    refId: locked.id,
    summary,
  });
}

/** Staff accept a requested return: the shopper may send the units. */
export function approveReturn(db: Database, input: { id: number; actor: string }) {
  return inTransaction(db, async (tx) => {
    const locked = await lockReturn(tx, input.id, ['requested']);
    await tx
      .update(schema.returns)
      .set({ status: 'approved', decidedAt: new Date() })
      .where(eq(schema.returns.id, input.id));
    await writeOutbox(tx, [activity(locked, `Return ${input.id} approved`)]);
    return { id: input.id, status: 'approved' as const };
  });
}

/** Staff refuse a requested return; its units become returnable again. */
export function rejectReturn(db: Database, input: { id: number; reason: string; actor: string }) {
  return inTransaction(db, async (tx) => {
    const locked = await lockReturn(tx, input.id, ['requested']);
    await tx
      .update(schema.returns)
      .set({ status: 'rejected', rejectReason: input.reason, decidedAt: new Date() })
      .where(eq(schema.returns.id, input.id));
    await writeOutbox(tx, [activity(locked, `Return ${input.id} rejected: ${input.reason}`)]);
    return { id: input.id, status: 'rejected' as const };
  });
}

export interface ReceiveLine {
  orderDetailId: number;
  quantity: number;
  disposition: ReturnDisposition;
}

/**
 * Where a returned unit of a line goes back: the location its units shipped from (the
 * allocation with the most shipped units, the lowest location id on a tie; a line split
 * over locations comes back to its main one), or the default location for a line with no
 * shipped allocation (legacy orders). The inventory row is created when missing.
 */
async function returnLocation(tx: Tx, orderDetailId: number, variantId: number, productId: number) {
  const [allocation] = await tx
    .select({ locationId: schema.orderAllocations.locationId })
    .from(schema.orderAllocations)
    .where(
      and(
        eq(schema.orderAllocations.orderDetailId, orderDetailId),
        gt(schema.orderAllocations.shippedQuantity, 0),
      ),
    )
    .orderBy(desc(schema.orderAllocations.shippedQuantity), schema.orderAllocations.locationId)
    .limit(1);
  const locationId = allocation?.locationId ?? DEFAULT_LOCATION_ID;
  await tx
    .insert(schema.inventory)
    .ignore()
    .values({ variantId, locationId, productId, onHand: 0 });
  return locationId;
}

/**
 * Staff receive units of an approved return (in one parcel or several): each `restock`
 * unit goes back on hand, each `damaged` one on hand and damaged (so what is available is
 * unchanged), through `moveStock` with `return_restock` / `return_damaged` ledger rows
 * referring to the return. The line's `returned_quantity` grows by them (the table's CHECK
 * keeps it ≤ shipped); the return is `received` once every line came back whole.
 */
export function receiveReturn(
  db: Database,
  input: { id: number; lines: ReceiveLine[]; actor: string },
) {
  return inTransaction(db, async (tx) => {
    const locked = await lockReturn(tx, input.id, ['approved']);
    const lines = await tx
      .select({
        orderDetailId: schema.returnLines.orderDetailId,
        quantity: schema.returnLines.quantity,
        restocked: schema.returnLines.restockedQuantity,
        damaged: schema.returnLines.damagedQuantity,
        variantId: schema.orderDetails.variantId,
        productId: schema.orderDetails.productId,
      })
      .from(schema.returnLines)
      .innerJoin(schema.orderDetails, eq(schema.orderDetails.id, schema.returnLines.orderDetailId))
      .where(eq(schema.returnLines.returnId, input.id));
    const byLine = new Map(lines.map((line) => [line.orderDetailId, { ...line }]));
    const restock: StockDelta[] = [];
    const damaged: StockDelta[] = [];
    let units = 0;
    for (const receive of input.lines) {
      const line = byLine.get(receive.orderDetailId);
      if (!line) {
        throw new DomainError(
          'RETURN_NOT_ALLOWED',
          `Line ${receive.orderDetailId} is not part of return ${input.id}`,
          { kind: 'not_in_return', orderDetailId: receive.orderDetailId },
        );
      }
      const left = line.quantity - line.restocked - line.damaged;
      if (receive.quantity > left) {
        throw new DomainError(
          'RETURN_NOT_ALLOWED',
          `Only ${left} of line ${receive.orderDetailId} are still expected back`,
          { kind: 'more_than_requested', orderDetailId: receive.orderDetailId, expected: left },
        );
      }
      const locationId = await returnLocation(
        tx,
        line.orderDetailId,
        line.variantId,
        line.productId,
      );
      const q = receive.quantity;
      if (receive.disposition === 'restock') {
        line.restocked += q;
        restock.push({ variantId: line.variantId, locationId, onHand: q });
      } else {
        line.damaged += q;
        damaged.push({ variantId: line.variantId, locationId, onHand: q, damaged: q });
      }
      units += q;
      await tx
        .update(schema.returnLines)
        .set({
          restockedQuantity: sql`${schema.returnLines.restockedQuantity} + ${receive.disposition === 'restock' ? q : 0}`,
          damagedQuantity: sql`${schema.returnLines.damagedQuantity} + ${receive.disposition === 'damaged' ? q : 0}`,
        })
        .where(
          and(
            eq(schema.returnLines.returnId, input.id),
            eq(schema.returnLines.orderDetailId, receive.orderDetailId),
          ),
        );
      await tx
        .update(schema.orderDetails)
        .set({ returnedQuantity: sql`${schema.orderDetails.returnedQuantity} + ${q}` })
        .where(eq(schema.orderDetails.id, receive.orderDetailId));
    }
    const movement = { refType: 'return' as const, refId: input.id, actor: input.actor };
    const events: OutboxEvent[] = [];
    // Receiving only adds stock (never fails invariant 1); one moveStock per ledger reason.
    if (restock.length) {
      events.push(
        ...(await moveStock(tx, merge(restock), { ...movement, reason: 'return_restock' })).events,
      );
    }
    if (damaged.length) {
      events.push(
        ...(await moveStock(tx, merge(damaged), { ...movement, reason: 'return_damaged' })).events,
      );
    }
    const complete = [...byLine.values()].every((l) => l.restocked + l.damaged === l.quantity);
    if (complete) {
      await tx
        .update(schema.returns)
        .set({ status: 'received', receivedAt: new Date() })
        .where(eq(schema.returns.id, input.id));
    }
    await writeOutbox(tx, [
      activity(
        locked,
        `${units} unit${units === 1 ? '' : 's'} of return ${input.id} received${complete ? '' : ' (more to come)'}`,
      ),
      ...events,
    ]);
    return { id: input.id, status: complete ? ('received' as const) : ('approved' as const) };
  });
}

/** Deltas of one key added up (one UPDATE may name each inventory row once). */
function merge(deltas: StockDelta[]): StockDelta[] {
  const byKey = new Map<string, StockDelta>();
  for (const delta of deltas) {
    const key = `${delta.variantId}:${delta.locationId}`;
    const sum = byKey.get(key);
    if (!sum) byKey.set(key, { ...delta });
    else {
      sum.onHand = (sum.onHand ?? 0) + (delta.onHand ?? 0);
      sum.damaged = (sum.damaged ?? 0) + (delta.damaged ?? 0);
    }
  }
  return [...byKey.values()];
}

/**
 * Pays a received return back through `requestRefundInTx` (the one refund path): by
 * default the received units at the price they were bought for; staff may name another
 * amount (less a fee, say), never more than is left of what was captured
 * (REFUND_EXCEEDS_CAPTURED). Also allowed for an approved return with some units received
 * (the rest never came): it is closed as refunded either way.
 */
export function refundReturn(
  db: Database,
  input: { id: number; amountCents?: number | null; actor: string },
) {
  return inTransaction(db, async (tx) => {
    const locked = await lockReturn(tx, input.id, ['received', 'approved']);
    const [received] = await tx
      .select({
        cents: sql<
          string | null
        >`SUM((${schema.returnLines.restockedQuantity} + ${schema.returnLines.damagedQuantity}) * ${schema.orderDetails.unitPriceCents})`,
        units: sql<
          string | null
        >`SUM(${schema.returnLines.restockedQuantity} + ${schema.returnLines.damagedQuantity})`,
      })
      .from(schema.returnLines)
      .innerJoin(schema.orderDetails, eq(schema.orderDetails.id, schema.returnLines.orderDetailId))
      .where(eq(schema.returnLines.returnId, input.id));
    const receivedCents = Number(received?.cents ?? 0);
    if (Number(received?.units ?? 0) === 0) {
      throw new DomainError('RETURN_STATE', `Nothing of return ${input.id} was received yet`, {
        status: locked.status,
      });
    }
    const amountCents = input.amountCents ?? receivedCents;
    const { refundId } = await requestRefundInTx(tx, {
      orderId: locked.orderId,
      amountCents,
      reason: `return ${input.id}`,
      actor: input.actor,
      returnId: input.id,
    });
    await tx
      .update(schema.returns)
      .set({ status: 'refunded' })
      .where(eq(schema.returns.id, input.id));
    await writeOutbox(tx, [
      activity(locked, `Return ${input.id} refunded: ${formatCents(amountCents)}`),
    ]);
    return { id: input.id, status: 'refunded' as const, refundId, amountCents };
  });
}

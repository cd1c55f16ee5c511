import { type Database, schema } from '@stockpulse/db';
import {
  DEFAULT_RETURN_WINDOW_DAYS,
  DomainError,
  type LineQuantity,
  OPEN_RETURN_STATUSES,
} from '@stockpulse/shared';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { inTransaction, type Tx } from '../db/transaction';
import { writeOutbox } from '../outbox/write';
import { orderActivity } from '../payments/activity';

const DAY_MS = 86_400_000;

/** Why a return is refused (`RETURN_NOT_ALLOWED`'s `details.kind`). */
export type ReturnRefusal =
  | 'not_delivered'
  | 'window'
  | 'not_in_order'
  | 'more_than_shipped'
  | 'already_returned';

export interface RequestReturnInput {
  customerId: number;
  orderId: number;
  lines: LineQuantity[];
  reason: string;
  /** RETURN_WINDOW_DAYS; DEFAULT_RETURN_WINDOW_DAYS when absent. */
  returnWindowDays?: number;
  now?: Date;
}

/**
 * What each line of an order may still be asked back: its shipped units less those held by
 * its returns that are not rejected (OPEN_RETURN_STATUSES: requested, approved, received,
 * refunded). A received unit is in `returned_quantity` AND still counted in its return's
 * line, so it is never taken twice. Read under the order's lock when it decides anything.
 */
export async function returnableByLine(db: Database | Tx, orderId: number) {
  const [lines, held] = await Promise.all([
    db
      .select({
        id: schema.orderDetails.id,
        shippedQuantity: schema.orderDetails.shippedQuantity,
        unitPriceCents: schema.orderDetails.unitPriceCents,
      })
      .from(schema.orderDetails)
      .where(eq(schema.orderDetails.orderId, orderId)),
    db
      .select({
        orderDetailId: schema.returnLines.orderDetailId,
        quantity: sql<string>`SUM(${schema.returnLines.quantity})`,
      })
      .from(schema.returns)
      .innerJoin(schema.returnLines, eq(schema.returnLines.returnId, schema.returns.id))
      .where(
        and(
          eq(schema.returns.orderId, orderId),
          inArray(schema.returns.status, [...OPEN_RETURN_STATUSES]),
        ),
      )
      .groupBy(schema.returnLines.orderDetailId),
  ]);
  const heldBy = new Map(held.map((row) => [row.orderDetailId, Number(row.quantity)]));
  return new Map(
    lines.map((line) => [
      line.id,
      {
        shipped: line.shippedQuantity,
        held: heldBy.get(line.id) ?? 0,
        returnable: Math.max(0, line.shippedQuantity - (heldBy.get(line.id) ?? 0)),
        unitPriceCents: line.unitPriceCents,
      },
    ]),
  );
}

/** When the order was delivered: its latest `order_events` row to `delivered`. */
async function deliveredAt(tx: Tx, orderId: number): Promise<Date | null> {
  const [row] = await tx
    .select({ at: schema.orderEvents.createdAt })
    .from(schema.orderEvents)
    .where(
      and(eq(schema.orderEvents.orderId, orderId), eq(schema.orderEvents.toStatus, 'delivered')),
    )
    .orderBy(desc(schema.orderEvents.id))
    .limit(1);
  return row?.at ?? null;
}

const refuse = (kind: ReturnRefusal, message: string, details: Record<string, unknown> = {}) =>
  new DomainError('RETURN_NOT_ALLOWED', message, { kind, ...details });

/**
 * A customer asks to send shipped units of their own delivered order back (DESIGN §12),
 * within `returnWindowDays` of delivery. The order row is locked first, so two requests
 * for the same units serialize and the second sees the first's lines: together they never
 * ask for more than was shipped. Another customer's order is NOT_FOUND.
 */
export function requestReturn(db: Database, input: RequestReturnInput) {
  return inTransaction(db, (tx) => requestReturnInTx(tx, input));
}

async function requestReturnInTx(tx: Tx, input: RequestReturnInput) {
  const { orderId, customerId } = input;
  const now = input.now ?? new Date();
  const windowDays = input.returnWindowDays ?? DEFAULT_RETURN_WINDOW_DAYS;
  const [order] = await tx
    .select({ status: schema.orders.status, paymentStatus: schema.orders.paymentStatus })
    .from(schema.orders)
    .where(and(eq(schema.orders.id, orderId), eq(schema.orders.customerId, customerId)))
    .for('update');
  if (!order) throw new DomainError('NOT_FOUND', `Order ${orderId} not found`);
  if (order.status !== 'delivered') {
    throw refuse(
      'not_delivered',
      `Order ${orderId} is ${order.status}: only a delivered order can be returned`,
      {
        status: order.status,
      },
    );
  }
  const delivered = await deliveredAt(tx, orderId);
  if (!delivered || now.getTime() - delivered.getTime() > windowDays * DAY_MS) {
    throw refuse(
      'window',
      `Returns of order ${orderId} were possible for ${windowDays} days after delivery`,
      { deliveredAt: delivered?.toISOString() ?? null, windowDays },
    );
  }

  const wanted = new Map<number, number>();
  for (const line of input.lines) {
    wanted.set(line.orderDetailId, (wanted.get(line.orderDetailId) ?? 0) + line.quantity);
  }
  const lines = await returnableByLine(tx, orderId);
  for (const [orderDetailId, quantity] of wanted) {
    const line = lines.get(orderDetailId);
    if (!line) {
      throw refuse('not_in_order', `Line ${orderDetailId} is not part of order ${orderId}`, {
        orderDetailId,
      });
    }
    if (quantity > line.shipped) {
      throw refuse(
        'more_than_shipped',
        `Only ${line.shipped} of line ${orderDetailId} were shipped`,
        { orderDetailId, shippedQuantity: line.shipped, returnableQuantity: line.returnable },
      );
    }
    if (quantity > line.returnable) {
      throw refuse(
        'already_returned',
        line.returnable === 0
          ? `Every shipped unit of line ${orderDetailId} is already being returned`
          : `Only ${line.returnable} of line ${orderDetailId} can still be returned`,
        { orderDetailId, returnableQuantity: line.returnable },
      );
    }
  }

  const actor = `customer:${customerId}`;
  const [inserted] = await tx
    .insert(schema.returns)
    .values({ orderId, reason: input.reason, requestedBy: actor });
  const returnId = inserted.insertId;
  await tx
    .insert(schema.returnLines)
    .values(
      [...wanted].map(([orderDetailId, quantity]) => ({ returnId, orderDetailId, quantity })),
    );
  const units = [...wanted.values()].reduce((a, b) => a + b, 0);
  await writeOutbox(tx, [
    orderActivity({
      orderId,
      customerId,
      kind: 'return',
      status: order.status,
      paymentStatus: order.paymentStatus,
      refId: returnId,
      summary: `Return of ${units} unit${units === 1 ? '' : 's'} requested`,
      at: now,
    }),
  ]);
  return { returnId };
}

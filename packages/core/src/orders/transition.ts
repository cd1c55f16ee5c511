import { type Database, schema } from '@stockpulse/db';
import {
  canTransition,
  DomainError,
  type OrderStatus,
  type OrderUpdated,
} from '@stockpulse/shared';
import { and, eq, sql } from 'drizzle-orm';
import { inTransaction, type Tx } from '../db/transaction';
import { shipOpenUnitsInTx } from '../fulfilment/ship';
import { moveStock, type StockDelta } from '../inventory/stock';
import { writeOutbox } from '../outbox/write';
import { settleCancelledOrderInTx } from '../payments/settle';

export interface TransitionInput {
  orderId: number;
  to: OrderStatus;
  /** `customer:12`, `admin:3`, `worker`. */
  actor: string;
  reason?: string | null;
  /** Restricts the move to this customer's own order (another's is NOT_FOUND). */
  customerId?: number;
  /** Act only when the order is in this status; otherwise do nothing (idempotent workers). */
  ifStatus?: OrderStatus;
  /**
   * The caller moved the stock itself in this transaction (shipLines, cancelLines): only
   * the status, its event and `order:updated` are written here.
   */
  skipStock?: boolean;
  /** For a move to `shipped`: the parcel of the open units (default carrier 'Unspecified'). */
  shipment?: { carrier: string; trackingNumber: string };
}

/** What "Mark shipped" without a parcel records (admin.orders.transition to 'shipped'). */
export const UNSPECIFIED_CARRIER = 'Unspecified';
export const UNTRACKED = 'untracked';

export interface TransitionResult {
  changed: boolean;
  from: OrderStatus;
  to: OrderStatus;
}

/**
 * Whether leaving `from` for `to` moves stock here at all (paying and delivering do not;
 * shipping is shipLines', fulfilment/ship.ts).
 */
function movesStock(from: OrderStatus, to: OrderStatus): boolean {
  return to === 'cancelled' && (from === 'pending' || from === 'paid');
}

/**
 * What leaving `from` for `to` does to the stock of each allocation of a line (DESIGN §4,
 * §11): a release or a shipment moves stock exactly where the placement reserved it.
 */
function stockEffect(
  from: OrderStatus,
  to: OrderStatus,
  allocation: { variantId: number; locationId: number; open: number },
): StockDelta | null {
  const { variantId, locationId, open } = allocation;
  // Only the open units are still reserved: cancelled lines released theirs already.
  if (open > 0 && to === 'cancelled' && (from === 'pending' || from === 'paid')) {
    return { variantId, locationId, reserved: -open };
  }
  return null;
}

/**
 * Moves an order along the state machine in one transaction: the status change guarded by
 * the status it was read in (`WHERE status = ?`), its stock effect with ledger rows, the
 * `order_events` row and the outbox (`order:updated`, `inventory:changed`).
 */
export function transitionOrder(db: Database, input: TransitionInput): Promise<TransitionResult> {
  return inTransaction(db, (tx) => transitionInTx(tx, input));
}

export async function transitionInTx(tx: Tx, input: TransitionInput): Promise<TransitionResult> {
  const { orderId, to } = input;
  const owner =
    input.customerId === undefined ? undefined : eq(schema.orders.customerId, input.customerId);
  const [order] = await tx
    .select({ status: schema.orders.status, customerId: schema.orders.customerId })
    .from(schema.orders)
    .where(and(eq(schema.orders.id, orderId), owner))
    // A locking read: it sees the latest commit and holds the row until ours, so the
    // guarded UPDATE below cannot lose a race (order row first, then stock rows).
    .for('update');
  if (!order) throw new DomainError('NOT_FOUND', `Order ${orderId} not found`);
  const from = order.status;
  if (input.ifStatus && from !== input.ifStatus) return { changed: false, from, to };
  if (!canTransition(from, to)) {
    throw new DomainError('ILLEGAL_TRANSITION', `An order that is ${from} cannot become ${to}`, {
      from,
      to,
    });
  }

  if (to === 'shipped' && !input.skipStock) {
    // "Mark shipped" ships every open unit from where it is allocated, through the same
    // path as the fulfilment queue (shipments, their ledger rows, the capture job).
    await shipOpenUnitsInTx(tx, {
      orderId,
      carrier: input.shipment?.carrier ?? UNSPECIFIED_CARRIER,
      trackingNumber: input.shipment?.trackingNumber ?? UNTRACKED,
      actor: input.actor,
      reason: input.reason ?? null,
    });
    return { changed: true, from, to };
  }

  const reason = input.reason ?? null;
  const now = new Date();
  const [updated] = await tx
    .update(schema.orders)
    .set({ status: to, updatedAt: now, ...(to === 'cancelled' ? { cancelReason: reason } : {}) })
    .where(and(eq(schema.orders.id, orderId), eq(schema.orders.status, from)));
  if (updated.affectedRows !== 1) {
    throw new Error(`order ${orderId} left ${from} while locked`);
  }

  // A payment (the commonest move) or a delivery reads no lines: one statement fewer.
  const allocations =
    movesStock(from, to) && !input.skipStock
      ? await tx
          .select({
            variantId: schema.orderDetails.variantId,
            locationId: schema.orderAllocations.locationId,
            open: sql<number>`${schema.orderAllocations.quantity} - ${schema.orderAllocations.shippedQuantity} - ${schema.orderAllocations.cancelledQuantity}`.mapWith(
              Number,
            ),
          })
          .from(schema.orderDetails)
          .innerJoin(
            schema.orderAllocations,
            eq(schema.orderAllocations.orderDetailId, schema.orderDetails.id),
          )
          .where(eq(schema.orderDetails.orderId, orderId))
      : [];
  const deltas = allocations.map((a) => stockEffect(from, to, a)).filter((d) => d !== null);
  const stock = deltas.length
    ? await moveStock(tx, deltas, {
        reason: 'release',
        refType: 'order',
        refId: orderId,
        actor: input.actor,
        note: reason,
      })
    : null;

  await tx.insert(schema.orderEvents).values({
    orderId,
    fromStatus: from,
    toStatus: to,
    actor: input.actor,
    reason,
    createdAt: now,
  });
  const event: OrderUpdated = {
    orderId,
    customerId: order.customerId,
    from,
    status: to,
    reason,
    at: now.toISOString(),
  };
  await writeOutbox(tx, [
    { kind: 'event', topic: 'order:updated', payload: event },
    ...(stock?.events ?? []),
  ]);
  if (to === 'cancelled')
    await settleCancelledOrderInTx(tx, { orderId, ...order, status: to, actor: input.actor });
  return { changed: true, from, to };
}

import { schema } from '@stockpulse/db';
import {
  DomainError,
  type LineQuantity,
  type OrderStatus,
  type PaymentStatus,
} from '@stockpulse/shared';
import { asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/transaction';

/** The order row, locked FOR UPDATE: the first lock of every order change. */
export async function lockOrder(tx: Tx, orderId: number) {
  const [order] = await tx
    .select({
      id: schema.orders.id,
      customerId: schema.orders.customerId,
      status: schema.orders.status,
      paymentStatus: schema.orders.paymentStatus,
    })
    .from(schema.orders)
    .where(eq(schema.orders.id, orderId))
    .for('update');
  if (!order) throw new DomainError('NOT_FOUND', `Order ${orderId} not found`);
  return order as {
    id: number;
    customerId: number;
    status: OrderStatus;
    paymentStatus: PaymentStatus;
  };
}

/** One allocation of a line with what is still open there (quantity − shipped − cancelled). */
export interface OpenAllocation {
  orderDetailId: number;
  variantId: number;
  unitPriceCents: number;
  locationId: number;
  priority: number;
  quantity: number;
  shipped: number;
  cancelled: number;
  open: number;
}

/**
 * The order's allocations, highest-priority location first (lowest `priority`, then id).
 * Read after the order row is locked: every writer of them holds that lock, so they stay.
 */
export async function allocationsOf(tx: Tx, orderId: number): Promise<OpenAllocation[]> {
  const rows = await tx
    .select({
      orderDetailId: schema.orderAllocations.orderDetailId,
      variantId: schema.orderDetails.variantId,
      unitPriceCents: schema.orderDetails.unitPriceCents,
      locationId: schema.orderAllocations.locationId,
      priority: schema.locations.priority,
      quantity: schema.orderAllocations.quantity,
      shipped: schema.orderAllocations.shippedQuantity,
      cancelled: schema.orderAllocations.cancelledQuantity,
    })
    .from(schema.orderDetails)
    .innerJoin(
      schema.orderAllocations,
      eq(schema.orderAllocations.orderDetailId, schema.orderDetails.id),
    )
    .innerJoin(schema.locations, eq(schema.locations.id, schema.orderAllocations.locationId))
    .where(eq(schema.orderDetails.orderId, orderId))
    .orderBy(asc(schema.locations.priority), asc(schema.locations.id));
  return rows.map((row) => ({ ...row, open: row.quantity - row.shipped - row.cancelled }));
}

/** The requested lines with duplicates summed; an id not on the order is NOT_FOUND. */
export function requestedLines(
  orderId: number,
  lines: readonly LineQuantity[],
  allocations: readonly OpenAllocation[],
): Map<number, number> {
  const known = new Set(allocations.map((a) => a.orderDetailId));
  const wanted = new Map<number, number>();
  for (const line of lines) {
    if (!known.has(line.orderDetailId)) {
      throw new DomainError('NOT_FOUND', `Order ${orderId} has no line ${line.orderDetailId}`, {
        orderDetailId: line.orderDetailId,
      });
    }
    wanted.set(line.orderDetailId, (wanted.get(line.orderDetailId) ?? 0) + line.quantity);
  }
  return wanted;
}

/** OVER_FULFILMENT when any line asks for more than is open (`details.lines`). */
export function refuseOverOpen(
  what: string,
  over: { orderDetailId: number; requested: number; open: number }[],
): void {
  if (over.length === 0) return;
  const first = over[0]!;
  throw new DomainError(
    'OVER_FULFILMENT',
    `Cannot ${what} ${first.requested} of line ${first.orderDetailId}: only ${first.open} open${over.length > 1 ? ` (and ${over.length - 1} more lines)` : ''}`,
    { lines: over },
  );
}

/** The status of the order's latest payment attempt (by id), if it has one. */
export async function latestPayment(tx: Tx, orderId: number) {
  const [payment] = await tx
    .select({ id: schema.payments.id, status: schema.payments.status })
    .from(schema.payments)
    .where(eq(schema.payments.orderId, orderId))
    .orderBy(desc(schema.payments.id))
    .limit(1);
  return payment ?? null;
}

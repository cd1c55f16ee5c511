import { type Database, schema } from '@stockpulse/db';
import {
  captureJobId,
  DomainError,
  JOBS,
  type LineQuantity,
  type OrderStatus,
  QUEUES,
} from '@stockpulse/shared';
import { plural } from '@stockpulse/shared/plural';
import { and, eq, sql } from 'drizzle-orm';
import { inTransaction, type Tx } from '../db/transaction';
import { moveStock } from '../inventory/stock';
import { transitionInTx } from '../orders/transition';
import type { OutboxMessage } from '../outbox/messages';
import { writeOutbox } from '../outbox/write';
import { orderActivity } from '../payments/activity';
import {
  allocationsOf,
  latestPayment,
  lockOrder,
  type OpenAllocation,
  refuseOverOpen,
  requestedLines,
} from './open-units';

export interface ShipInput {
  orderId: number;
  lines: LineQuantity[];
  carrier: string;
  trackingNumber: string;
  /** Ship from this location only; without it, from the allocations in priority order. */
  locationId?: number | null;
  /** `admin:3`. */
  actor: string;
  /** Kept on the status event when the order moves ("Mark shipped" with a note). */
  reason?: string | null;
}

export interface ShipResult {
  orderId: number;
  status: OrderStatus;
  shipments: { id: number; locationId: number; lines: LineQuantity[] }[];
}

/** Statuses an order ships from (DESIGN §12). */
const SHIPPABLE: readonly OrderStatus[] = ['paid', 'partially_shipped'];

/**
 * Ships units of an order's lines (DESIGN §12) in one transaction: the order row locked
 * first; one shipment per location touched, with its lines; the allocations' and lines'
 * shipped_quantity; the stock (on_hand −q, reserved −q) through moveStock with ledger rows
 * referring to the shipment; the order partially_shipped or shipped; `order:activity`; and
 * on the order's first shipment, the capture job of an authorized payment.
 */
export function shipLines(db: Database, input: ShipInput): Promise<ShipResult> {
  return inTransaction(db, (tx) => shipLinesInTx(tx, input));
}

export async function shipLinesInTx(tx: Tx, input: ShipInput): Promise<ShipResult> {
  const order = await lockOrder(tx, input.orderId);
  refuseUnshippable(order.id, order.status);
  const allocations = await allocationsOf(tx, order.id);
  const wanted = requestedLines(order.id, input.lines, allocations);
  const takes = take(wanted, allocations, input.locationId ?? null);
  return writeShipments(tx, order, allocations, takes, input);
}

/**
 * Ships every open unit of the order from where it is allocated ("Mark shipped", and
 * each order of a bulk ship), or only those at `locationId`.
 */
export async function shipOpenUnitsInTx(
  tx: Tx,
  input: Omit<ShipInput, 'lines'>,
): Promise<ShipResult> {
  const order = await lockOrder(tx, input.orderId);
  refuseUnshippable(order.id, order.status);
  const allocations = await allocationsOf(tx, order.id);
  const at = input.locationId ?? null;
  const takes = allocations
    .filter((a) => a.open > 0 && (at === null || a.locationId === at))
    .map((allocation) => ({ allocation, quantity: allocation.open }));
  return writeShipments(tx, order, allocations, takes, { ...input, lines: [] });
}

export type ShipManyResult =
  | ({ ok: true } & ShipResult)
  | { ok: false; orderId: number; cause: string; message: string };

/**
 * Bulk ship (admin.fulfilment.shipMany): each order's open units (at `locationId`, if
 * given) with its own tracking number, each in its own transaction, one after another: an
 * order that cannot ship (a DomainError) is reported and the others still ship.
 */
export async function shipOrders(
  db: Database,
  input: {
    orders: { orderId: number; trackingNumber: string }[];
    carrier: string;
    locationId?: number | null;
    actor: string;
  },
): Promise<ShipManyResult[]> {
  const results: ShipManyResult[] = [];
  for (const { orderId, trackingNumber } of input.orders) {
    try {
      const shipped = await inTransaction(db, (tx) =>
        shipOpenUnitsInTx(tx, {
          orderId,
          trackingNumber,
          carrier: input.carrier,
          locationId: input.locationId ?? null,
          actor: input.actor,
        }),
      );
      results.push({ ok: true, ...shipped });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ ok: false, orderId, cause: error.code, message: error.message });
    }
  }
  return results;
}

function refuseUnshippable(orderId: number, status: OrderStatus) {
  if (SHIPPABLE.includes(status)) return;
  throw new DomainError(
    'ILLEGAL_TRANSITION',
    status === 'pending'
      ? `Order ${orderId} is not paid yet: it cannot be shipped`
      : `An order that is ${status} cannot be shipped`,
    { from: status, to: 'shipped' },
  );
}

interface Take {
  allocation: OpenAllocation;
  quantity: number;
}

/** Which allocation gives how many units: at `locationId`, or in priority order. */
function take(
  wanted: Map<number, number>,
  allocations: readonly OpenAllocation[],
  locationId: number | null,
): Take[] {
  const takes: Take[] = [];
  const over: { orderDetailId: number; requested: number; open: number }[] = [];
  for (const [orderDetailId, requested] of wanted) {
    const mine = allocations.filter(
      (a) =>
        a.orderDetailId === orderDetailId && (locationId === null || a.locationId === locationId),
    );
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
  refuseOverOpen('ship', over);
  return takes;
}

async function writeShipments(
  tx: Tx,
  order: Awaited<ReturnType<typeof lockOrder>>,
  allocations: readonly OpenAllocation[],
  takes: readonly Take[],
  input: ShipInput,
): Promise<ShipResult> {
  if (takes.length === 0) {
    throw new DomainError('OVER_FULFILMENT', `Order ${order.id} has nothing open to ship`, {
      lines: [],
    });
  }
  const [earlier] = await tx
    .select({ id: schema.shipments.id })
    .from(schema.shipments)
    .where(eq(schema.shipments.orderId, order.id))
    .limit(1);

  const byLocation = new Map<number, Take[]>();
  for (const t of takes) {
    const list = byLocation.get(t.allocation.locationId) ?? [];
    list.push(t);
    byLocation.set(t.allocation.locationId, list);
  }
  const now = new Date();
  const shipments: ShipResult['shipments'] = [];
  const messages: OutboxMessage[] = [];
  const stockEvents = new Map<number, OutboxMessage>();
  // Locations in id order, and each shipment's stock rows in (variant, location) order.
  for (const locationId of [...byLocation.keys()].sort((a, b) => a - b)) {
    const list = byLocation.get(locationId)!;
    const [inserted] = await tx.insert(schema.shipments).values({
      orderId: order.id,
      locationId,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      actor: input.actor,
      createdAt: now,
    });
    const shipmentId = inserted.insertId;
    await tx.insert(schema.shipmentLines).values(
      list.map((t) => ({
        shipmentId,
        orderDetailId: t.allocation.orderDetailId,
        quantity: t.quantity,
      })),
    );
    for (const t of list) {
      const [updated] = await tx
        .update(schema.orderAllocations)
        .set({
          shippedQuantity: sql`${schema.orderAllocations.shippedQuantity} + ${t.quantity}`,
        })
        .where(
          and(
            eq(schema.orderAllocations.orderDetailId, t.allocation.orderDetailId),
            eq(schema.orderAllocations.locationId, locationId),
            sql`${schema.orderAllocations.shippedQuantity} + ${schema.orderAllocations.cancelledQuantity} + ${t.quantity} <= ${schema.orderAllocations.quantity}`,
          ),
        );
      if (updated.affectedRows !== 1)
        throw new Error(`allocation of line ${t.allocation.orderDetailId} moved while locked`);
      await tx
        .update(schema.orderDetails)
        .set({ shippedQuantity: sql`${schema.orderDetails.shippedQuantity} + ${t.quantity}` })
        .where(eq(schema.orderDetails.id, t.allocation.orderDetailId));
    }
    const stock = await moveStock(
      tx,
      list.map((t) => ({
        variantId: t.allocation.variantId,
        locationId,
        onHand: -t.quantity,
        reserved: -t.quantity,
      })),
      { reason: 'ship', refType: 'shipment', refId: shipmentId, actor: input.actor },
    );
    // One payload per variant: the last one read is the latest.
    for (const event of stock.events) {
      if (event.topic === 'inventory:changed') stockEvents.set(event.payload.variantId, event);
    }
    shipments.push({
      id: shipmentId,
      locationId,
      lines: list.map((t) => ({ orderDetailId: t.allocation.orderDetailId, quantity: t.quantity })),
    });
  }

  const shippedNow = takes.reduce((sum, t) => sum + t.quantity, 0);
  const openBefore = allocations.reduce((sum, a) => sum + a.open, 0);
  const to: OrderStatus = openBefore - shippedNow === 0 ? 'shipped' : 'partially_shipped';
  if (to !== order.status) {
    await transitionInTx(tx, {
      orderId: order.id,
      to,
      actor: input.actor,
      reason: input.reason ?? null,
      skipStock: true,
    });
  } else {
    await tx.update(schema.orders).set({ updatedAt: now }).where(eq(schema.orders.id, order.id));
  }

  if (!earlier) {
    const payment = await latestPayment(tx, order.id);
    if (payment?.status === 'authorized') {
      messages.push({
        kind: 'job',
        topic: QUEUES.payments,
        payload: {
          name: JOBS.payments.capture,
          jobId: captureJobId(payment.id),
          data: { paymentId: payment.id },
        },
      });
    }
  }
  for (const shipment of shipments) {
    const units = shipment.lines.reduce((sum, line) => sum + line.quantity, 0);
    messages.push(
      orderActivity({
        orderId: order.id,
        customerId: order.customerId,
        kind: 'shipment',
        status: to,
        paymentStatus: order.paymentStatus,
        refId: shipment.id,
        summary: `Shipped ${plural(units, 'item')} with ${input.carrier}, tracking ${input.trackingNumber}`,
        at: now,
      }),
    );
  }
  await writeOutbox(tx, [...stockEvents.values(), ...messages]);
  return { orderId: order.id, status: to, shipments };
}

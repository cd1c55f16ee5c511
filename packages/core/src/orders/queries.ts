import { type Database, schema } from '@stockpulse/db';
import type {
  OrderStatus,
  PaymentMethodSummary,
  PaymentStatus,
  ShippingAddress,
} from '@stockpulse/shared';
import { and, asc, desc, eq, lt, or } from 'drizzle-orm';
import type { Tx } from '../db/transaction';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import { orderPaymentView, type RefundView } from '../payments/view';
import { type OrderReturnView, returnsOfOrder } from '../returns/queries';
import { returnableByLine } from '../returns/request';

export interface OrderLineView {
  /**
   * The line's id, as shipments, cancellations and returns name it (this and the counts
   * below are absent only from placement's own answer: nothing has happened to it yet).
   */
  orderDetailId?: number;
  productId: number;
  variantId: number;
  /** The product's name. */
  name: string;
  /** The variant's options ("M / Red"); "" for a simple product. */
  variantTitle: string;
  quantity: number;
  unitPriceCents: number;
  /** Units shipped and cancelled so far (DESIGN §12). */
  shippedQuantity?: number;
  cancelledQuantity?: number;
  /** Shipped units not yet in a return that is not rejected: what may still be asked back. */
  returnableQuantity?: number;
}

/** A parcel of the order (DESIGN §12), from one location. */
export interface OrderShipmentView {
  id: number;
  locationId: number;
  locationName: string;
  carrier: string;
  trackingNumber: string;
  createdAt: Date;
  lines: { orderDetailId: number; quantity: number }[];
}

export interface OrderEventView {
  from: OrderStatus | null;
  to: OrderStatus;
  actor: string;
  reason: string | null;
  at: Date;
}

export interface OrderView {
  id: number;
  customerId: number;
  customerName: string;
  status: OrderStatus;
  totalCents: number;
  itemCount: number;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  shippingAddress: ShippingAddress;
  lines: OrderLineView[];
  /** The status timeline, oldest first (absent on a freshly placed order: it is pending). */
  events?: OrderEventView[];
  /** Its shipments, oldest first (absent on a freshly placed order). */
  shipments?: OrderShipmentView[];
  /** Its returns, oldest first (DESIGN §12). */
  returns?: OrderReturnView[];
  /** What the order's payments add up to (DESIGN §12). */
  paymentStatus?: PaymentStatus;
  /** The latest payment attempt's card (absent on a freshly placed order). */
  payment?: PaymentMethodSummary | null;
  refunds?: RefundView[];
}

type Reader = Database | Tx;

/** One order with its lines and timeline; `customerId` restricts it to its owner. */
export async function getOrderInTx(
  db: Reader,
  orderId: number,
  options: { customerId?: number } = {},
): Promise<OrderView | null> {
  const where =
    options.customerId === undefined
      ? eq(schema.orders.id, orderId)
      : and(eq(schema.orders.id, orderId), eq(schema.orders.customerId, options.customerId));
  const [row] = await db
    .select({ order: schema.orders, customerName: schema.users.name })
    .from(schema.orders)
    .innerJoin(schema.users, eq(schema.users.id, schema.orders.customerId))
    .where(where);
  if (!row) return null;
  const [lines, events, shipments, returns, returnable, money] = await Promise.all([
    db
      .select({
        orderDetailId: schema.orderDetails.id,
        productId: schema.orderDetails.productId,
        variantId: schema.orderDetails.variantId,
        name: schema.products.name,
        variantTitle: schema.variants.title,
        quantity: schema.orderDetails.quantity,
        unitPriceCents: schema.orderDetails.unitPriceCents,
        shippedQuantity: schema.orderDetails.shippedQuantity,
        cancelledQuantity: schema.orderDetails.cancelledQuantity,
      })
      .from(schema.orderDetails)
      .innerJoin(schema.products, eq(schema.products.id, schema.orderDetails.productId))
      .innerJoin(schema.variants, eq(schema.variants.id, schema.orderDetails.variantId))
      .where(eq(schema.orderDetails.orderId, orderId))
      .orderBy(asc(schema.orderDetails.variantId)),
    db
      .select({
        from: schema.orderEvents.fromStatus,
        to: schema.orderEvents.toStatus,
        actor: schema.orderEvents.actor,
        reason: schema.orderEvents.reason,
        at: schema.orderEvents.createdAt,
      })
      .from(schema.orderEvents)
      .where(eq(schema.orderEvents.orderId, orderId))
      .orderBy(asc(schema.orderEvents.id)),
    shipmentsOf(db, orderId),
    returnsOfOrder(db, orderId),
    returnableByLine(db, orderId),
    orderPaymentView(db, orderId),
  ]);
  return {
    ...toView(row.order, row.customerName),
    lines: lines.map((line) => ({
      ...line,
      returnableQuantity: returnable.get(line.orderDetailId)?.returnable ?? 0,
    })),
    events,
    shipments,
    returns,
    paymentStatus: row.order.paymentStatus,
    ...money,
  };
}

/** The order's shipments with their lines, oldest first (shipments_order_idx). */
async function shipmentsOf(db: Reader, orderId: number): Promise<OrderShipmentView[]> {
  const rows = await db
    .select({
      id: schema.shipments.id,
      locationId: schema.shipments.locationId,
      locationName: schema.locations.name,
      carrier: schema.shipments.carrier,
      trackingNumber: schema.shipments.trackingNumber,
      createdAt: schema.shipments.createdAt,
      orderDetailId: schema.shipmentLines.orderDetailId,
      quantity: schema.shipmentLines.quantity,
    })
    .from(schema.shipments)
    .innerJoin(schema.locations, eq(schema.locations.id, schema.shipments.locationId))
    .innerJoin(schema.shipmentLines, eq(schema.shipmentLines.shipmentId, schema.shipments.id))
    .where(eq(schema.shipments.orderId, orderId));
  const byId = new Map<number, OrderShipmentView>();
  for (const { orderDetailId, quantity, ...shipment } of rows.sort(
    (a, b) => a.id - b.id || a.orderDetailId - b.orderDetailId,
  )) {
    let view = byId.get(shipment.id);
    if (!view) {
      view = { ...shipment, lines: [] };
      byId.set(shipment.id, view);
    }
    view.lines.push({ orderDetailId, quantity });
  }
  return [...byId.values()];
}

export const getOrder = getOrderInTx;

function toView(order: typeof schema.orders.$inferSelect, customerName: string) {
  return {
    id: order.id,
    customerId: order.customerId,
    customerName,
    status: order.status,
    totalCents: order.totalCents,
    itemCount: order.itemCount,
    cancelReason: order.cancelReason,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    shippingAddress: {
      name: order.shipName,
      line1: order.shipLine1,
      line2: order.shipLine2,
      city: order.shipCity,
      region: order.shipRegion,
      postalCode: order.shipPostalCode,
      country: order.shipCountry,
    },
  };
}

/** Keyset cursor over (created_at, id), newest first: stable while orders arrive. */
export function encodeOrderCursor(order: { createdAt: Date; id: number }): string {
  return encodeCursor('customer-orders', [order.createdAt.getTime(), order.id]);
}

export function decodeOrderCursor(cursor: string): { createdAt: Date; id: number } | null {
  const keys = decodeCursor(cursor, 'customer-orders', ['time', 'int']);
  return keys ? { createdAt: new Date(keys[0] as number), id: keys[1] as number } : null;
}

/** A customer's orders, newest first, without lines (the list shows summaries). */
export async function listCustomerOrders(
  db: Database,
  input: { customerId: number; cursor?: { createdAt: Date; id: number } | null; limit: number },
) {
  const { cursor } = input;
  const rows = await db
    .select()
    .from(schema.orders)
    .where(
      and(
        eq(schema.orders.customerId, input.customerId),
        cursor
          ? or(
              lt(schema.orders.createdAt, cursor.createdAt),
              and(eq(schema.orders.createdAt, cursor.createdAt), lt(schema.orders.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(schema.orders.createdAt), desc(schema.orders.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((order) => ({
      id: order.id,
      status: order.status,
      paymentStatus: order.paymentStatus,
      totalCents: order.totalCents,
      itemCount: order.itemCount,
      cancelReason: order.cancelReason,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
    })),
    nextCursor: rows.length > input.limit ? encodeOrderCursor(page[page.length - 1]!) : null,
  };
}

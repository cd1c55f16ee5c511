import { type Database, schema } from '@stockpulse/db';
import type { OrderStatus } from '@stockpulse/shared';
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../paging/cursor';

/** The statuses whose orders wait in the fulfilment queue (they have open units). */
export const FULFILMENT_STATUSES = [
  'paid',
  'partially_shipped',
] as const satisfies readonly OrderStatus[];

export interface FulfilmentCursor {
  createdAt: Date;
  id: number;
}

export function encodeFulfilmentCursor(order: FulfilmentCursor): string {
  return encodeCursor('fulfilment', [order.createdAt.getTime(), order.id]);
}

export function decodeFulfilmentCursor(text: string): FulfilmentCursor | null {
  const keys = decodeCursor(text, 'fulfilment', ['time', 'int']);
  return keys ? { createdAt: new Date(keys[0] as number), id: keys[1] as number } : null;
}

export interface FulfilmentLine {
  orderDetailId: number;
  productId: number;
  variantId: number;
  name: string;
  variantTitle: string;
  sku: string;
  quantity: number;
  shippedQuantity: number;
  cancelledQuantity: number;
  /** The open units (allocated − shipped − cancelled) by location, where there are any. */
  open: { locationId: number; locationName: string; quantity: number }[];
}

export interface FulfilmentOrder {
  id: number;
  status: OrderStatus;
  createdAt: Date;
  customerId: number;
  customerName: string;
  totalCents: number;
  itemCount: number;
  lines: FulfilmentLine[];
}

export interface FulfilmentQueue {
  items: FulfilmentOrder[];
  nextCursor: string | null;
  /** Orders with open units at each location (all of the queue, not this page). */
  counts: { locationId: number; locationName: string; orders: number }[];
}

const OPEN_AT = (locationId: number) => sql`EXISTS (SELECT 1 FROM order_details d
  JOIN order_allocations a ON a.order_detail_id = d.id
  WHERE d.order_id = ${schema.orders.id} AND a.location_id = ${locationId}
    AND a.quantity > a.shipped_quantity + a.cancelled_quantity)`;

/**
 * The fulfilment queue (DESIGN §12): paid and partially shipped orders, oldest first, a
 * keyset page at a time over (created_at, id). Each status is one range read of
 * orders_status_time_idx (status, created_at, id) from the cursor, LIMIT n + 1, and the two
 * are merged here: an IN over both statuses would have to sort. Such an order always has
 * open units (the last unit shipped or cancelled moves it on); with `locationId`, only the
 * orders with open units there, checked per order by its own lines.
 */
export async function fulfilmentQueue(
  db: Database,
  input: { locationId?: number | null; cursor?: FulfilmentCursor | null; limit: number },
): Promise<FulfilmentQueue> {
  const { cursor, limit } = input;
  const locationId = input.locationId ?? null;
  const pages = await Promise.all(
    FULFILMENT_STATUSES.map((status) =>
      db
        .select({
          id: schema.orders.id,
          status: schema.orders.status,
          createdAt: schema.orders.createdAt,
          customerId: schema.orders.customerId,
          totalCents: schema.orders.totalCents,
          itemCount: schema.orders.itemCount,
        })
        .from(schema.orders, { forceIndex: 'orders_status_time_idx' })
        .where(
          and(
            eq(schema.orders.status, status),
            cursor
              ? or(
                  gt(schema.orders.createdAt, cursor.createdAt),
                  and(
                    eq(schema.orders.createdAt, cursor.createdAt),
                    gt(schema.orders.id, cursor.id),
                  ),
                )
              : undefined,
            locationId === null ? undefined : OPEN_AT(locationId),
          ),
        )
        .orderBy(asc(schema.orders.createdAt), asc(schema.orders.id))
        .limit(limit + 1),
    ),
  );
  const rows = pages
    .flat()
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
    .slice(0, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeFulfilmentCursor(last) : null;
  const [lines, counts, names] = await Promise.all([
    linesOf(
      db,
      page.map((o) => o.id),
    ),
    locationCounts(db),
    page.length
      ? db
          .select({ id: schema.users.id, name: schema.users.name })
          .from(schema.users)
          .where(inArray(schema.users.id, [...new Set(page.map((o) => o.customerId))]))
      : [],
  ]);
  const nameOf = new Map(names.map((u) => [u.id, u.name]));
  return {
    items: page.map((order) => ({
      ...order,
      customerName: nameOf.get(order.customerId) ?? '',
      lines: lines.get(order.id) ?? [],
    })),
    nextCursor,
    counts,
  };
}

async function linesOf(db: Database, orderIds: number[]): Promise<Map<number, FulfilmentLine[]>> {
  const byOrder = new Map<number, FulfilmentLine[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await db
    .select({
      orderId: schema.orderDetails.orderId,
      orderDetailId: schema.orderDetails.id,
      productId: schema.orderDetails.productId,
      variantId: schema.orderDetails.variantId,
      name: schema.products.name,
      variantTitle: schema.variants.title,
      sku: schema.variants.sku,
      quantity: schema.orderDetails.quantity,
      shippedQuantity: schema.orderDetails.shippedQuantity,
      cancelledQuantity: schema.orderDetails.cancelledQuantity,
      locationId: schema.orderAllocations.locationId,
      locationName: schema.locations.name,
      open: sql<number>`${schema.orderAllocations.quantity} - ${schema.orderAllocations.shippedQuantity} - ${schema.orderAllocations.cancelledQuantity}`.mapWith(
        Number,
      ),
    })
    .from(schema.orderDetails)
    .innerJoin(schema.products, eq(schema.products.id, schema.orderDetails.productId))
    .innerJoin(schema.variants, eq(schema.variants.id, schema.orderDetails.variantId))
    .innerJoin(
      schema.orderAllocations,
      eq(schema.orderAllocations.orderDetailId, schema.orderDetails.id),
    )
    .innerJoin(schema.locations, eq(schema.locations.id, schema.orderAllocations.locationId))
    .where(inArray(schema.orderDetails.orderId, orderIds));
  // A page's few rows, sorted here (line id, then location).
  rows.sort((a, b) => a.orderDetailId - b.orderDetailId || a.locationId - b.locationId);
  const lineById = new Map<number, FulfilmentLine>();
  for (const row of rows) {
    let line = lineById.get(row.orderDetailId);
    if (!line) {
      line = {
        orderDetailId: row.orderDetailId,
        productId: row.productId,
        variantId: row.variantId,
        name: row.name,
        variantTitle: row.variantTitle,
        sku: row.sku,
        quantity: row.quantity,
        shippedQuantity: row.shippedQuantity,
        cancelledQuantity: row.cancelledQuantity,
        open: [],
      };
      lineById.set(row.orderDetailId, line);
      const list = byOrder.get(row.orderId) ?? [];
      list.push(line);
      byOrder.set(row.orderId, list);
    }
    if (row.open > 0) {
      line.open.push({
        locationId: row.locationId,
        locationName: row.locationName,
        quantity: row.open,
      });
    }
  }
  return byOrder;
}

/**
 * Orders with open units per location, over the whole queue: from the open orders through
 * the status index, as invariant 3 reads them (what the open orders cost, not the
 * history), one row per open allocation, counted here (a GROUP BY would sort them through
 * a temporary table).
 */
async function locationCounts(db: Database): Promise<FulfilmentQueue['counts']> {
  const [rows, locations] = await Promise.all([
    db
      .select({ orderId: schema.orders.id, locationId: schema.orderAllocations.locationId })
      .from(schema.orders, { forceIndex: 'orders_status_time_idx' })
      .innerJoin(schema.orderDetails, eq(schema.orderDetails.orderId, schema.orders.id))
      .innerJoin(
        schema.orderAllocations,
        eq(schema.orderAllocations.orderDetailId, schema.orderDetails.id),
      )
      .where(
        and(
          inArray(schema.orders.status, [...FULFILMENT_STATUSES]),
          sql`${schema.orderAllocations.quantity} > ${schema.orderAllocations.shippedQuantity} + ${schema.orderAllocations.cancelledQuantity}`,
        ),
      ),
    db.select({ id: schema.locations.id, name: schema.locations.name }).from(schema.locations),
  ]);
  const orders = new Map<number, Set<number>>();
  for (const row of rows) {
    const set = orders.get(row.locationId) ?? new Set<number>();
    set.add(row.orderId);
    orders.set(row.locationId, set);
  }
  return locations
    .filter((location) => orders.has(location.id))
    .sort((a, b) => a.id - b.id)
    .map((location) => ({
      locationId: location.id,
      locationName: location.name,
      orders: orders.get(location.id)!.size,
    }));
}

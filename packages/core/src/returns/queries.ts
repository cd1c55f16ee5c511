import { type Database, schema } from '@stockpulse/db';
import type { ReturnStatus } from '@stockpulse/shared';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Tx } from '../db/transaction';
import { decodeCursor, encodeCursor, pageOf } from '../paging/cursor';

export interface ReturnLineView {
  orderDetailId: number;
  quantity: number;
  restockedQuantity: number;
  damagedQuantity: number;
}

export interface OrderReturnView {
  id: number;
  status: ReturnStatus;
  reason: string;
  rejectReason: string | null;
  createdAt: Date;
  lines: ReturnLineView[];
}

type Reader = Database | Tx;

async function linesOf(db: Reader, returnIds: number[]) {
  const byReturn = new Map<number, (ReturnLineView & { unitPriceCents: number; name: string })[]>();
  if (returnIds.length === 0) return byReturn;
  const rows = await db
    .select({
      returnId: schema.returnLines.returnId,
      orderDetailId: schema.returnLines.orderDetailId,
      quantity: schema.returnLines.quantity,
      restockedQuantity: schema.returnLines.restockedQuantity,
      damagedQuantity: schema.returnLines.damagedQuantity,
      unitPriceCents: schema.orderDetails.unitPriceCents,
      name: schema.products.name,
    })
    .from(schema.returnLines)
    .innerJoin(schema.orderDetails, eq(schema.orderDetails.id, schema.returnLines.orderDetailId))
    .innerJoin(schema.products, eq(schema.products.id, schema.orderDetails.productId))
    .where(inArray(schema.returnLines.returnId, returnIds));
  // Sorted here: a few rows, and an ORDER BY could sort through a temporary table.
  rows.sort((a, b) => a.returnId - b.returnId || a.orderDetailId - b.orderDetailId);
  for (const { returnId, ...line } of rows) {
    const list = byReturn.get(returnId) ?? [];
    list.push(line);
    byReturn.set(returnId, list);
  }
  return byReturn;
}

/** An order's returns, oldest first, for `orders.byId` (the shopper's and staff's view). */
export async function returnsOfOrder(db: Reader, orderId: number): Promise<OrderReturnView[]> {
  const rows = await db
    .select({
      id: schema.returns.id,
      status: schema.returns.status,
      reason: schema.returns.reason,
      rejectReason: schema.returns.rejectReason,
      createdAt: schema.returns.createdAt,
    })
    .from(schema.returns)
    .where(eq(schema.returns.orderId, orderId))
    .orderBy(schema.returns.id);
  const lines = await linesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    lines: (lines.get(r.id) ?? []).map(
      ({ orderDetailId, quantity, restockedQuantity, damagedQuantity }) => ({
        orderDetailId,
        quantity,
        restockedQuantity,
        damagedQuantity,
      }),
    ),
  }));
}

export interface StaffReturnView extends OrderReturnView {
  orderId: number;
  customerId: number;
  customerName: string;
  requestedBy: string;
  decidedAt: Date | null;
  receivedAt: Date | null;
  lines: (ReturnLineView & { name: string; unitPriceCents: number })[];
  /** The requested units at the price they were bought for. */
  requestedCents: number;
  /** The units received so far (restocked + damaged) at that price. */
  receivedCents: number;
  /** Refunds of this return that did not fail (pending or succeeded). */
  refundedCents: number;
}

const CURSOR = 'returns';

export const encodeReturnCursor = (id: number) => encodeCursor(CURSOR, [id]);
export function decodeReturnCursor(cursor: string): number | null {
  const keys = decodeCursor(cursor, CURSOR, ['int']);
  return keys ? (keys[0] as number) : null;
}

async function staffViews(db: Reader, where: ReturnType<typeof and>, limit: number) {
  const rows = await db
    .select({
      ret: schema.returns,
      customerId: schema.orders.customerId,
      customerName: schema.users.name,
    })
    .from(schema.returns)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.returns.orderId))
    .innerJoin(schema.users, eq(schema.users.id, schema.orders.customerId))
    .where(where)
    .orderBy(desc(schema.returns.id))
    .limit(limit);
  const ids = rows.map((r) => r.ret.id);
  const [lines, refunds] = await Promise.all([
    linesOf(db, ids),
    ids.length
      ? db
          .select({
            returnId: schema.refunds.returnId,
            cents: sql<string>`SUM(${schema.refunds.amountCents})`,
          })
          .from(schema.refunds)
          .where(
            and(
              inArray(schema.refunds.returnId, ids),
              inArray(schema.refunds.status, ['pending', 'succeeded']),
            ),
          )
          .groupBy(schema.refunds.returnId)
      : [],
  ]);
  const refunded = new Map(refunds.map((r) => [r.returnId, Number(r.cents)]));
  return rows.map(({ ret, customerId, customerName }): StaffReturnView => {
    const its = lines.get(ret.id) ?? [];
    return {
      id: ret.id,
      orderId: ret.orderId,
      customerId,
      customerName,
      status: ret.status,
      reason: ret.reason,
      rejectReason: ret.rejectReason,
      requestedBy: ret.requestedBy,
      createdAt: ret.createdAt,
      decidedAt: ret.decidedAt,
      receivedAt: ret.receivedAt,
      lines: its,
      requestedCents: its.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0),
      receivedCents: its.reduce(
        (sum, l) => sum + (l.restockedQuantity + l.damagedQuantity) * l.unitPriceCents,
        0,
      ),
      refundedCents: refunded.get(ret.id) ?? 0,
    };
  });
}

/**
 * Returns for staff, newest first, keyset-paged on the id (through `returns (status, id)`
 * with a status, the primary key without).
 */
export async function listReturns(
  db: Database,
  input: { status?: ReturnStatus | null; cursor?: number | null; limit: number },
) {
  const where = and(
    input.status ? eq(schema.returns.status, input.status) : undefined,
    input.cursor ? lt(schema.returns.id, input.cursor) : undefined,
  );
  const rows = await staffViews(db, where, input.limit + 1);
  return pageOf(rows, input.limit, (last) => encodeReturnCursor(last.id));
}

export async function getReturn(db: Database, id: number): Promise<StaffReturnView | null> {
  const [row] = await staffViews(db, and(eq(schema.returns.id, id)), 1);
  return row ?? null;
}

import {
  cancelLines,
  decodeFulfilmentCursor,
  fulfilmentQueue,
  shipLines,
  shipOrders,
} from '@stockpulse/core';
import { actorOf } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { decodeCursorField, ZCursorText, ZId, ZLimit, ZText, ZWhole } from './inputs';

/** Lines and how many of their units (DESIGN §12): each line once or more, summed. */
export const ZLineQuantities = z
  .array(
    z.strictObject({
      orderDetailId: ZId,
      quantity: ZWhole('Quantity', 1, 100_000),
    }),
  )
  .min(1, { error: 'Choose at least one line' })
  .max(100, { error: 'At most 100 lines at once' });

export const ZCarrier = ZText(40, 'Carrier');
export const ZTrackingNumber = ZText(64, 'Tracking number');

export const ZFulfilmentQueueInput = z
  .strictObject({
    locationId: ZId.optional(),
    cursor: ZCursorText,
    limit: ZLimit(),
  })
  .default({ limit: 25 })
  .transform(({ cursor, ...input }, ctx) => ({
    ...input,
    cursor: decodeCursorField(cursor, decodeFulfilmentCursor, ctx),
  }));

export const ZShipInput = z.strictObject({
  orderId: ZId,
  lines: ZLineQuantities,
  carrier: ZCarrier,
  trackingNumber: ZTrackingNumber,
  locationId: ZId.optional(),
});

export const ZShipManyInput = z.strictObject({
  orders: z
    .array(z.strictObject({ orderId: ZId, trackingNumber: ZTrackingNumber }))
    .min(1, { error: 'Choose at least one order' })
    .max(100, { error: 'At most 100 orders at once' }),
  carrier: ZCarrier,
  locationId: ZId.optional(),
});

export const ZCancelLinesInput = z.strictObject({
  orderId: ZId,
  lines: ZLineQuantities,
  /** Shown to the customer in the order's activity. */
  reason: ZText(200, 'Reason'),
});

/** The fulfilment queue and shipping (DESIGN §12). */
export const adminFulfilmentRouter = {
  /** Paid and partially shipped orders with open units, oldest first, with counts per location. */
  queue: adminProcedure
    .input(ZFulfilmentQueueInput)
    .query(({ ctx, input }) => fulfilmentQueue(ctx.db, input)),

  /** Ships units of an order's lines; more than is open is OVER_FULFILMENT. */
  ship: adminProcedure
    .input(ZShipInput)
    .mutation(({ ctx, input }) =>
      shipLines(ctx.db, { ...input, actor: actorOf('admin', ctx.session.userId) }),
    ),

  /** Ships every open unit of each order (at `locationId`), one result per order. */
  shipMany: adminProcedure
    .input(ZShipManyInput)
    .mutation(({ ctx, input }) =>
      shipOrders(ctx.db, { ...input, actor: actorOf('admin', ctx.session.userId) }),
    ),
} satisfies TRPCRouterRecord;

/** admin.orders.cancelLines: cancels open units, releasing their stock and their money. */
export const cancelLinesProcedure = adminProcedure
  .input(ZCancelLinesInput)
  .mutation(({ ctx, input }) =>
    cancelLines(ctx.db, { ...input, actor: actorOf('admin', ctx.session.userId) }),
  );

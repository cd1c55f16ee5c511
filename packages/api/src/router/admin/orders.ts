import {
  ADMIN_ORDER_SORTS,
  ADMIN_ORDER_TARGETS,
  actorOf,
  decodeAdminOrderCursor,
  getAdminOrder,
  listAdminOrders,
  orderCounts,
  refundOrder,
  transitionAdminOrder,
} from '@stockpulse/core';
import { ORDER_STATUSES } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { cancelLinesProcedure } from './fulfilment';
import { decodeCursorField, ZCursorText, ZId, ZLimit, ZSearch, ZText } from './inputs';

const ZAdminOrderRefundInput = z.strictObject({
  orderId: z
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1),
  amountCents: z.number().int().positive().max(100_000_000),
  reason: z.string().trim().min(1).max(255),
});

export const ZAdminOrdersListInput = z
  .strictObject({
    status: z.enum(ORDER_STATUSES).optional(),
    /** An order id (`42`, `#42`), or part of the customer's name or email. */
    search: ZSearch,
    sort: z.enum(ADMIN_ORDER_SORTS).default('newest'),
    cursor: ZCursorText,
    limit: ZLimit(),
  })
  .default({ sort: 'newest', limit: 25 })
  .transform(({ cursor, ...input }, ctx) => ({
    ...input,
    cursor: decodeCursorField(cursor, (text) => decodeAdminOrderCursor(text, input.sort), ctx),
  }));

export const ZAdminOrderByIdInput = z.strictObject({ id: ZId });

/** `paid` is not offered: payment is the processor's to confirm (see docs/architecture.md). */
export const ZAdminOrderTransitionInput = z
  .strictObject({
    id: ZId,
    to: z.enum(ADMIN_ORDER_TARGETS),
    /** Shown to the customer on a cancelled order; required for a cancel. */
    reason: ZText(200, 'Reason').optional(),
    /** For 'shipped': the parcel of every open unit ('Unspecified' / 'untracked' if not given). */
    carrier: ZText(40, 'Carrier').optional(),
    trackingNumber: ZText(64, 'Tracking number').optional(),
  })
  .refine((input) => input.to !== 'cancelled' || input.reason !== undefined, {
    path: ['reason'],
    error: 'Enter a reason: the customer sees it on the cancelled order',
  });

export const adminOrdersRouter = {
  /** Every customer's orders, filtered and sorted, a keyset page at a time. */
  list: adminProcedure
    .input(ZAdminOrdersListInput)
    .query(({ ctx, input }) => listAdminOrders(ctx.db, input)),

  /** How many orders are in each status (and in all), from the rollup the relay keeps. */
  counts: adminProcedure.query(({ ctx }) => orderCounts(ctx.db)),

  /** One order with lines, customer, shipping address and status timeline. */
  byId: adminProcedure
    .input(ZAdminOrderByIdInput)
    .query(({ ctx, input }) => getAdminOrder(ctx.db, input.id)),

  /** Ship, deliver or cancel (with a reason); illegal moves are ILLEGAL_TRANSITION. */
  transition: adminProcedure.input(ZAdminOrderTransitionInput).mutation(({ ctx, input }) =>
    transitionAdminOrder(ctx.db, {
      adminId: ctx.session.userId,
      orderId: input.id,
      to: input.to,
      reason: input.reason,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
    }),
  ),

  /** Cancels open units of lines (DESIGN §12); more than is open is OVER_FULFILMENT. */
  cancelLines: cancelLinesProcedure,
  /** A goodwill refund (DESIGN §12), never past what was captured: REFUND_EXCEEDS_CAPTURED. */
  refund: adminProcedure
    .input(ZAdminOrderRefundInput)
    .mutation(({ ctx, input }) =>
      refundOrder(ctx.db, { ...input, actor: actorOf('admin', ctx.session.userId) }),
    ),
} satisfies TRPCRouterRecord;

import {
  actorOf,
  decodeOrderCursor,
  getOrder,
  listCustomerOrders,
  payOrder,
  placementPaymentOf,
  placeOrder,
  requestReturn,
  transitionOrder,
} from '@stockpulse/core';
import { DomainError, placeOrderInput } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { customerProcedure } from '../trpc';

const orderId = z.strictObject({
  id: z
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1),
});

const mineInput = z
  .strictObject({
    /** `nextCursor` of the previous page. */
    cursor: z
      .string()
      .max(400)
      .transform((text, ctx) => {
        const cursor = decodeOrderCursor(text);
        if (!cursor) {
          ctx.addIssue({ code: 'custom', message: 'not a cursor this API handed out' });
          return z.NEVER;
        }
        return cursor;
      })
      .nullish(),
    limit: z.number().int().min(1).max(100).default(20),
    /** Sent by useInfiniteQuery next to `cursor` (see catalog.list); pages only go forward. */
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .default({ limit: 20 });

const requestReturnInput = z.strictObject({
  orderId: orderId.shape.id,
  lines: z
    .array(
      z.strictObject({
        orderDetailId: orderId.shape.id,
        quantity: z.number().int().min(1).max(1_000_000),
      }),
    )
    .min(1)
    .max(200),
  reason: z.string().trim().min(1).max(500),
});

const payInput = z.strictObject({
  orderId: z
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1),
  /** The token of `payments.tokenize`. */
  paymentMethod: z.string().trim().min(1).max(255),
});

/** A signed-in customer's own orders: another customer's order is NOT_FOUND. */
export const ordersRouter = {
  place: customerProcedure.input(placeOrderInput).mutation(async ({ ctx, input }) => {
    const { paymentMethod, ...request } = input;
    const { order } = await placeOrder(ctx.db, {
      customerId: ctx.session.userId,
      customerName: ctx.session.name,
      ...request,
      payment: await placementPaymentOf(ctx.payments, paymentMethod),
    });
    return order;
  }),

  /** Pays a pending order again after a decline (DESIGN §12); PAYMENT_NOT_DUE otherwise. */
  pay: customerProcedure
    .input(payInput)
    .mutation(({ ctx, input }) =>
      payOrder(ctx.db, ctx.payments, { ...input, customerId: ctx.session.userId }),
    ),

  mine: customerProcedure.input(mineInput).query(({ ctx, input }) =>
    listCustomerOrders(ctx.db, {
      customerId: ctx.session.userId,
      cursor: input.cursor ?? null,
      limit: input.limit,
    }),
  ),

  byId: customerProcedure.input(orderId).query(async ({ ctx, input }) => {
    const order = await getOrder(ctx.db, input.id, { customerId: ctx.session.userId });
    if (!order) throw new DomainError('NOT_FOUND', `Order ${input.id} not found`);
    return order;
  }),

  /** A customer may cancel while the order is pending or paid (the state machine says so). */
  cancel: customerProcedure.input(orderId).mutation(async ({ ctx, input }) => {
    const customerId = ctx.session.userId;
    await transitionOrder(ctx.db, {
      orderId: input.id,
      to: 'cancelled',
      actor: actorOf('customer', customerId),
      reason: 'cancelled by customer',
      customerId,
    });
    return getOrder(ctx.db, input.id, { customerId });
  }),

  /**
   * Asks to send shipped units of a delivered order back within RETURN_WINDOW_DAYS;
   * RETURN_NOT_ALLOWED (details.kind) otherwise. Answers the order with its returns.
   */
  requestReturn: customerProcedure.input(requestReturnInput).mutation(async ({ ctx, input }) => {
    const customerId = ctx.session.userId;
    const { returnId } = await requestReturn(ctx.db, {
      customerId,
      ...input,
      returnWindowDays: ctx.returnWindowDays,
    });
    return { returnId, order: await getOrder(ctx.db, input.orderId, { customerId }) };
  }),
} satisfies TRPCRouterRecord;

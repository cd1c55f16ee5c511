import {
  actorOf,
  approveReturn,
  decodeReturnCursor,
  getReturn,
  listReturns,
  receiveReturn,
  refundReturn,
  rejectReturn,
} from '@stockpulse/core';
import { DomainError, RETURN_DISPOSITIONS, RETURN_STATUSES } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';

const ZId = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const ZQuantity = z.number().int().min(1).max(1_000_000);

const listInput = z
  .strictObject({
    status: z.enum(RETURN_STATUSES).nullish(),
    /** `nextCursor` of the previous page. */
    cursor: z
      .string()
      .max(200)
      .transform((text, ctx) => {
        const id = decodeReturnCursor(text);
        if (id === null) {
          ctx.addIssue({ code: 'custom', message: 'not a cursor this API handed out' });
          return z.NEVER;
        }
        return id;
      })
      .nullish(),
    limit: z.number().int().min(1).max(100).default(25),
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .default({ limit: 25 });

const receiveInput = z.strictObject({
  id: ZId,
  lines: z
    .array(
      z.strictObject({
        orderDetailId: ZId,
        quantity: ZQuantity,
        disposition: z.enum(RETURN_DISPOSITIONS),
      }),
    )
    .min(1)
    .max(200),
});

/** Staff's side of returns (DESIGN §12): requested → approved / rejected → received → refunded. */
export const adminReturnsRouter = {
  /** Newest first, keyset-paged; with the order, the customer, the lines and the amounts. */
  list: adminProcedure.input(listInput).query(({ ctx, input }) =>
    listReturns(ctx.db, {
      status: input.status ?? null,
      cursor: input.cursor ?? null,
      limit: input.limit,
    }),
  ),

  byId: adminProcedure.input(z.strictObject({ id: ZId })).query(async ({ ctx, input }) => {
    const found = await getReturn(ctx.db, input.id);
    if (!found) throw new DomainError('NOT_FOUND', `Return ${input.id} not found`);
    return found;
  }),

  approve: adminProcedure
    .input(z.strictObject({ id: ZId }))
    .mutation(({ ctx, input }) =>
      approveReturn(ctx.db, { id: input.id, actor: actorOf('admin', ctx.session.userId) }),
    ),

  reject: adminProcedure
    .input(z.strictObject({ id: ZId, reason: z.string().trim().min(1).max(255) }))
    .mutation(({ ctx, input }) =>
      rejectReturn(ctx.db, { ...input, actor: actorOf('admin', ctx.session.userId) }),
    ),

  /** Units back: `restock` to on hand, `damaged` to on hand and damaged (not available). */
  receive: adminProcedure
    .input(receiveInput)
    .mutation(({ ctx, input }) =>
      receiveReturn(ctx.db, { ...input, actor: actorOf('admin', ctx.session.userId) }),
    ),

  /** The received units' price unless `amountCents` says otherwise; never past what was captured. */
  refund: adminProcedure
    .input(
      z.strictObject({
        id: ZId,
        amountCents: z
          .number()
          .int()
          .min(1)
          .max(2 ** 31 - 1)
          .nullish(),
      }),
    )
    .mutation(({ ctx, input }) =>
      refundReturn(ctx.db, {
        id: input.id,
        amountCents: input.amountCents ?? null,
        actor: actorOf('admin', ctx.session.userId),
      }),
    ),
} satisfies TRPCRouterRecord;

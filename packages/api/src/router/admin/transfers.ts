import {
  createTransfer,
  decodeTransferCursor,
  getTransfer,
  listTransfers,
  MAX_TRANSFER_LINES,
  stepTransfer,
} from '@stockpulse/core';
import { DomainError, TRANSFER_STATUSES } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { decodeCursorField, ZCursorText, ZId, ZLimit, ZWhole } from './inputs';

export const ZTransferCreateInput = z.strictObject({
  fromLocationId: ZId,
  toLocationId: ZId,
  lines: z
    .array(z.strictObject({ variantId: ZId, quantity: ZWhole('Quantity', 1, 1_000_000) }))
    .min(1, 'A transfer needs at least one line')
    .max(MAX_TRANSFER_LINES, `A transfer has at most ${MAX_TRANSFER_LINES} lines`),
  note: z.string().trim().max(255).optional(),
});

export const ZTransferListInput = z
  .strictObject({
    status: z.enum(TRANSFER_STATUSES).optional(),
    cursor: ZCursorText,
    limit: ZLimit(),
  })
  .default({ limit: 25 })
  .transform(({ cursor, ...input }, ctx) => ({
    ...input,
    cursor: decodeCursorField(cursor, decodeTransferCursor, ctx),
  }));

const ZTransferId = z.strictObject({ id: ZId });

/**
 * Transfers between locations (DESIGN §11): draft → in_transit → received / cancelled,
 * each step with its ledger rows and live updates (`transfer:updated`, `inventory:changed`).
 */
export const adminTransfersRouter = {
  list: adminProcedure
    .input(ZTransferListInput)
    .query(({ ctx, input }) => listTransfers(ctx.db, input)),
  byId: adminProcedure.input(ZTransferId).query(async ({ ctx, input }) => {
    const transfer = await getTransfer(ctx.db, input.id);
    if (!transfer) throw new DomainError('NOT_FOUND', `Transfer ${input.id} not found`);
    return transfer;
  }),
  create: adminProcedure
    .input(ZTransferCreateInput)
    .mutation(({ ctx, input }) =>
      createTransfer(ctx.db, { ...input, adminId: ctx.session.userId }),
    ),
  /** On hand leaves the source (never more than is available there); STOCK_UNAVAILABLE. */
  ship: adminProcedure
    .input(ZTransferId)
    .mutation(({ ctx, input }) =>
      stepTransfer(ctx.db, { id: input.id, step: 'ship', adminId: ctx.session.userId }),
    ),
  receive: adminProcedure
    .input(ZTransferId)
    .mutation(({ ctx, input }) =>
      stepTransfer(ctx.db, { id: input.id, step: 'receive', adminId: ctx.session.userId }),
    ),
  cancel: adminProcedure
    .input(ZTransferId)
    .mutation(({ ctx, input }) =>
      stepTransfer(ctx.db, { id: input.id, step: 'cancel', adminId: ctx.session.userId }),
    ),
} satisfies TRPCRouterRecord;

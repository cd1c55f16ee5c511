import { decodeRestockCursor, listRestocks, openRestocksSummary } from '@stockpulse/core';
import { RESTOCK_STATUSES } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { decodeCursorField, ZCursorText, ZLimit } from './inputs';

export const ZRestocksListInput = z
  .strictObject({
    status: z.enum(RESTOCK_STATUSES).optional(),
    cursor: ZCursorText,
    limit: ZLimit(),
  })
  .default({ limit: 25 })
  .transform(({ cursor, ...input }, ctx) => ({
    ...input,
    cursor: decodeCursorField(cursor, decodeRestockCursor, ctx),
  }));

/** Purchase orders to suppliers, newest first: what is on its way and what arrived. */
export const adminRestocksRouter = {
  list: adminProcedure
    .input(ZRestocksListInput)
    .query(({ ctx, input }) => listRestocks(ctx.db, input)),

  /** Every open restock counted (requested or in transit), and the newest `limit` of them. */
  open: adminProcedure
    .input(z.strictObject({ limit: ZLimit(10) }).default({ limit: 10 }))
    .query(({ ctx, input }) => openRestocksSummary(ctx.db, input.limit)),
} satisfies TRPCRouterRecord;

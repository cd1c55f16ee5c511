import { decodeCustomerCursor, getCustomer, listCustomers } from '@stockpulse/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { decodeCursorField, ZCursorText, ZId, ZLimit, ZSearch } from './inputs';

export const ZCustomersListInput = z
  .strictObject({
    /** Part of the name or email. */
    search: ZSearch,
    cursor: ZCursorText,
    limit: ZLimit(),
  })
  .default({ limit: 25 })
  .transform(({ cursor, ...input }, ctx) => ({
    ...input,
    cursor: decodeCursorField(cursor, decodeCustomerCursor, ctx),
  }));

export const ZCustomerByIdInput = z.strictObject({ id: ZId });

export const adminCustomersRouter = {
  /** Customers, newest first, with order count, lifetime value and last order. */
  list: adminProcedure
    .input(ZCustomersListInput)
    .query(({ ctx, input }) => listCustomers(ctx.db, input)),

  /** Profile, lifetime value and the ten most recent orders. */
  byId: adminProcedure
    .input(ZCustomerByIdInput)
    .query(({ ctx, input }) => getCustomer(ctx.db, input.id)),
} satisfies TRPCRouterRecord;

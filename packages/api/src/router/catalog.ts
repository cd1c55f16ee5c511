import { listCategories } from '@stockpulse/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { publicProcedure } from '../trpc';

export const catalogRouter = {
  /** The categories of active products, by name, with their product counts. */
  categories: publicProcedure.query(({ ctx }) => listCategories(ctx.db)),
} satisfies TRPCRouterRecord;

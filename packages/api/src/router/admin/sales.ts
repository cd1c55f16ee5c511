import { MAX_SALES_RANGE_MS, salesSummary } from '@stockpulse/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** A Date (superjson) or an ISO 8601 string with an offset, within 2000–2100. */
const ZInstant = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))])
  .refine((at) => at.getTime() >= EARLIEST && at.getTime() <= LATEST, {
    error: 'expected a time between 2000 and 2100',
  });

export const ZSalesSummaryInput = z
  .strictObject({
    from: ZInstant,
    /** Exclusive. */
    to: ZInstant,
    bucket: z.enum(['hour', 'day']),
    /** How many best-selling products to list. */
    top: z.number().int().min(1).max(50).default(10),
  })
  .superRefine((input, ctx) => {
    const span = input.to.getTime() - input.from.getTime();
    if (span <= 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
    } else if (span > MAX_SALES_RANGE_MS[input.bucket]) {
      const days = MAX_SALES_RANGE_MS[input.bucket] / 86_400_000;
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `at most ${days} days with ${input.bucket} buckets`,
      });
    }
  });

export const adminSalesRouter = {
  /** Totals, a zero-filled UTC series and the top products over [from, to). */
  summary: adminProcedure
    .input(ZSalesSummaryInput)
    .query(({ ctx, input }) => salesSummary(ctx.db, input)),
} satisfies TRPCRouterRecord;

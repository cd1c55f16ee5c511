import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure } from '../trpc';

const tokenizeInput = z.strictObject({
  number: z.string().trim().min(1).max(32),
  expMonth: z.number().int().min(0).max(99),
  expYear: z.number().int().min(0).max(9999),
  cvc: z.string().trim().max(8),
});

/**
 * Cards (DESIGN §12). `tokenize` stands in for the provider's own script: the number goes
 * to the provider and only the token, brand and last four come back (nothing logs the
 * number: it is a POST body, and the request log prints neither bodies nor inputs).
 * A bad card is INVALID_PAYMENT_METHOD with the problem of each field in `details.fields`.
 */
export const paymentsRouter = {
  tokenize: publicProcedure
    .input(tokenizeInput)
    .mutation(({ ctx, input }) => ctx.payments.tokenize(input)),
} satisfies TRPCRouterRecord;

import { updateVariant } from '@stockpulse/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { ZId } from './inputs';
import { ZPriceCents } from './products';

export const ZVariantUpdateInput = z.strictObject({
  id: ZId,
  priceCents: ZPriceCents.optional(),
  active: z.boolean().optional(),
});

/** A product's variants (DESIGN §11): price and whether each is sold. */
export const adminVariantsRouter = {
  update: adminProcedure
    .input(ZVariantUpdateInput)
    .mutation(({ ctx, input: { id, ...changes } }) => updateVariant(ctx.db, id, changes)),
} satisfies TRPCRouterRecord;

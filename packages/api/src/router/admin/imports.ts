import { getImport, listImports } from '@stockpulse/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { ZCursorText, ZId, ZLimit } from './inputs';

export const ZImportsListInput = z
  .strictObject({ cursor: ZCursorText, limit: ZLimit(20) })
  .default({ limit: 20 });

export const ZImportByIdInput = z.strictObject({
  id: ZId,
  /** The previous page's `nextErrorsCursor`. */
  errorsCursor: ZCursorText,
  errorsLimit: z.number().int().min(1).max(500).default(100),
});

/**
 * Catalog CSV imports (DESIGN §11): the file goes to `POST /admin/import/products`
 * (apps/server, catalog-csv), the job runs it, and these read what came of it.
 */
export const adminImportsRouter = {
  /** Newest first, with their figures (never the file). */
  list: adminProcedure
    .input(ZImportsListInput)
    .query(({ ctx, input }) => listImports(ctx.db, input)),
  /** One import with a page of its refused rows, in row order. */
  byId: adminProcedure.input(ZImportByIdInput).query(({ ctx, input }) => getImport(ctx.db, input)),
} satisfies TRPCRouterRecord;

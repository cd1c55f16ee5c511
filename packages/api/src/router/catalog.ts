import {
  decodeCatalogCursor,
  getCatalogProduct,
  listCatalog,
  listCategories,
} from '@stockpulse/core';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure } from '../trpc';

export const ZCatalogListInput = z
  .object({
    search: z.string().max(100, { error: 'at most 100 characters' }).optional(),
    /** A category's name: every category of that name, with its subcategories. */
    category: z.string().min(1).max(64).optional(),
    /** A category by id (from `catalog.categories`), with its subcategories. */
    categoryId: z
      .number()
      .int()
      .positive()
      .max(2 ** 53 - 1)
      .optional(),
    inStockOnly: z.boolean().optional(),
    /** `nextCursor` of the previous page. */
    cursor: z
      .string()
      .max(400)
      .transform((text, ctx) => {
        const cursor = decodeCatalogCursor(text);
        if (!cursor) {
          ctx.addIssue({ code: 'custom', message: 'not a cursor this API handed out' });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
    limit: z.number().int().min(1).max(100).default(24),
    /**
     * What TanStack's useInfiniteQuery sends next to `cursor` (through tRPC's
     * `infiniteQueryOptions`); keyset pages only go forward, so it changes nothing.
     */
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .strict()
  .default({ limit: 24 });

export const ZCatalogByIdInput = z.object({ id: z.number().int().positive() }).strict();

export const catalogRouter = {
  /** Active products by name, a page at a time, each with its live `available`. */
  list: publicProcedure
    .input(ZCatalogListInput)
    .query(({ ctx, input }) => listCatalog(ctx.db, input)),

  /** An active product with its description; NOT_FOUND for unknown and archived ones. */
  byId: publicProcedure.input(ZCatalogByIdInput).query(async ({ ctx, input }) => {
    const product = await getCatalogProduct(ctx.db, input.id);
    if (!product) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such product' });
    return product;
  }),

  /**
   * The categories shoppers can filter by: not archived, holding active products (their
   * own or their subcategories'), in tree order with `depth` and a "Parent › Child" label.
   */
  categories: publicProcedure.query(({ ctx }) => listCategories(ctx.db)),
} satisfies TRPCRouterRecord;

import { createCategory, listAdminCategories, updateCategory } from '@stockpulse/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { ZId, ZText } from './inputs';

export const ZCategoryCreateInput = z.strictObject({
  name: ZText(64, 'Name'),
  /** Under this category; top-level without it. */
  parentId: ZId.nullish(),
});

export const ZCategoryUpdateInput = z
  .strictObject({
    id: ZId,
    name: ZText(64, 'Name').optional(),
    /** null moves the category to the top level. */
    parentId: ZId.nullable().optional(),
    /** true archives: hidden from the storefront's filter and new products; products keep it. */
    archived: z.boolean().optional(),
    /** A new slug from the name (slugs stay as they were on a rename otherwise). */
    regenerateSlug: z.boolean().optional(),
  })
  .refine(({ id, ...changes }) => Object.values(changes).some((v) => v !== undefined), {
    error: 'Nothing to save: no field was changed',
  });

export const adminCategoriesRouter = {
  /** Every category, archived ones too, in tree order, with parent and product counts. */
  list: adminProcedure.query(({ ctx }) => listAdminCategories(ctx.db)),

  /** CATEGORY_EXISTS for a sibling of that name; NOT_FOUND / CATEGORY_ARCHIVED for the parent. */
  create: adminProcedure
    .input(ZCategoryCreateInput)
    .mutation(({ ctx, input }) => createCategory(ctx.db, input)),

  /** Rename, move (CATEGORY_CYCLE under itself or a descendant), archive or unarchive. */
  update: adminProcedure
    .input(ZCategoryUpdateInput)
    .mutation(({ ctx, input: { id, ...changes } }) => updateCategory(ctx.db, id, changes)),
} satisfies TRPCRouterRecord;

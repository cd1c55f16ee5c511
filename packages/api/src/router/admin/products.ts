import {
  archiveProduct,
  createProduct,
  decodeAdminProductCursor,
  getAdminProduct,
  listAdminProducts,
  updateProduct,
} from '@stockpulse/core';
import { DomainError } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { decodeCursorField, ZCursorText, ZId, ZLimit, ZSearch, ZText } from './inputs';

const ZSku = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    error: 'expected 1 to 64 letters, digits, ., _ or -, starting with a letter or digit',
  });
const ZPriceCents = z.number().int().min(1).max(100_000_000);
const ZDescription = z.string().trim().max(5_000, { error: 'at most 5000 characters' });
/** An absolute http(s) URL or a path on this server; null clears it (the generated picture). */
const ZImageUrl = z
  .string()
  .trim()
  .max(500, { error: 'at most 500 characters' })
  .regex(/^(https?:\/\/[^\s]+|\/[^\s]*)$/, { error: 'expected an http(s) URL or a /path' })
  .nullable();
const ZStockAmount = z.number().int().min(0).max(1_000_000);

export const ZProductCreateInput = z.strictObject({
  sku: ZSku,
  name: ZText(200),
  priceCents: ZPriceCents,
  category: ZText(64),
  description: ZDescription.optional(),
  initialStock: ZStockAmount.optional(),
  reorderPoint: ZStockAmount.optional(),
  reorderQuantity: z.number().int().min(1).max(1_000_000).optional(),
  imageUrl: ZImageUrl.optional(),
});

export const ZProductUpdateInput = z
  .strictObject({
    id: ZId,
    name: ZText(200).optional(),
    description: ZDescription.optional(),
    category: ZText(64).optional(),
    priceCents: ZPriceCents.optional(),
    imageUrl: ZImageUrl.optional(),
    /** false archives, true brings an archived product back. */
    active: z.boolean().optional(),
  })
  .refine(({ id, ...changes }) => Object.values(changes).some((v) => v !== undefined), {
    error: 'nothing to change',
  });

export const ZProductIdInput = z.strictObject({ id: ZId });

export const ZProductListInput = z
  .strictObject({
    /** Part of the name, or the start of the SKU. */
    search: ZSearch,
    includeArchived: z.boolean().default(false),
    cursor: ZCursorText,
    limit: ZLimit(),
  })
  .default({ includeArchived: false, limit: 25 })
  .transform(({ cursor, ...input }, ctx) => ({
    ...input,
    cursor: decodeCursorField(cursor, decodeAdminProductCursor, ctx),
  }));

export const adminProductsRouter = {
  /** A product, its inventory row and its opening stock, at once; SKU_TAKEN for a used SKU. */
  create: adminProcedure
    .input(ZProductCreateInput)
    .mutation(({ ctx, input }) => createProduct(ctx.db, { ...input, adminId: ctx.session.userId })),

  /** Changes details; a new price applies to new orders only (lines keep theirs). */
  update: adminProcedure
    .input(ZProductUpdateInput)
    .mutation(({ ctx, input: { id, ...changes } }) => updateProduct(ctx.db, id, changes)),

  /** Takes a product off the catalog and out of ordering; `update({ active: true })` undoes it. */
  archive: adminProcedure
    .input(ZProductIdInput)
    .mutation(({ ctx, input }) => archiveProduct(ctx.db, input.id)),

  /** Products by name, archived ones too when asked. */
  list: adminProcedure
    .input(ZProductListInput)
    .query(({ ctx, input }) => listAdminProducts(ctx.db, input)),

  /** One product, archived or not. */
  byId: adminProcedure.input(ZProductIdInput).query(async ({ ctx, input }) => {
    const product = await getAdminProduct(ctx.db, input.id);
    if (!product) throw new DomainError('NOT_FOUND', `Product ${input.id} not found`);
    return product;
  }),
} satisfies TRPCRouterRecord;

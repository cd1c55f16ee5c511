import {
  archiveProduct,
  createProduct,
  decodeAdminProductCursor,
  getAdminProduct,
  listAdminProducts,
  listAllCategories,
  updateProduct,
} from '@stockpulse/core';
import { DomainError } from '@stockpulse/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { decodeCursorField, ZCursorText, ZId, ZLimit, ZSearch, ZText, ZWhole } from './inputs';

const ZSku = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    error:
      'SKU must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
  });
/** In cents on the wire; staff type dollars, so the message speaks dollars. */
const PRICE_ERROR = 'Price must be from $0.01 to $1,000,000.00';
export const ZPriceCents = z
  .number({ error: PRICE_ERROR })
  .int({ error: PRICE_ERROR })
  .min(1, { error: PRICE_ERROR })
  .max(100_000_000, { error: PRICE_ERROR });
const ZDescription = z
  .string()
  .trim()
  .max(5_000, { error: 'Description can be at most 5,000 characters' });
/** An absolute http(s) URL or a path on this server; null clears it (the generated picture). */
const ZImageUrl = z
  .string()
  .trim()
  .max(500, { error: 'Image URL can be at most 500 characters' })
  .regex(/^(https?:\/\/[^\s]+|\/[^\s]*)$/, {
    error: 'Image URL must start with http://, https:// or / (a path on this server)',
  })
  .nullable();

const ZOptionText = (label: string) => ZText(40, label);

/** A product's option and its values, e.g. `{ name: 'Size', values: ['S', 'M'] }`. */
const ZOption = z.strictObject({
  name: ZOptionText('Option name'),
  values: z.array(ZOptionText('Option value')).min(1, 'An option needs at least one value').max(30),
});

const ZVariant = z.strictObject({
  sku: ZSku,
  /** Option name → value, one for each of the product's options. */
  options: z.record(z.string(), ZOptionText('Option value')),
  priceCents: ZPriceCents,
  stock: z
    .array(z.strictObject({ locationId: ZId, quantity: ZWhole('Opening stock', 0, 1_000_000) }))
    .max(50)
    .optional(),
});

/**
 * A product's category: `categoryId` (admin.categories.list), or `category` by name, the
 * older shape (an existing name is that category; a new one creates a top-level category).
 */
const categoryFields = {
  categoryId: ZId.optional(),
  category: ZText(64, 'Category').optional(),
};
const notBoth = ({ categoryId, category }: { categoryId?: number; category?: string }) =>
  categoryId === undefined || category === undefined;
const NOT_BOTH = { error: 'Give the category by id or by name, not both', path: ['category'] };

/**
 * A product (DESIGN §11): with `options` and `variants`, or a simple product by `sku`,
 * `priceCents` and `initialStock` (its one variant, at the default location).
 */
export const ZProductCreateInput = z
  .strictObject({
    sku: ZSku.optional(),
    name: ZText(200, 'Name'),
    priceCents: ZPriceCents.optional(),
    options: z.array(ZOption).max(3, 'A product has at most 3 options').optional(),
    variants: z.array(ZVariant).min(1).max(100, 'A product has at most 100 variants').optional(),
    ...categoryFields,
    description: ZDescription.optional(),
    initialStock: ZWhole('Opening stock', 0, 1_000_000).optional(),
    reorderPoint: ZWhole('Reorder point', 0, 1_000_000).optional(),
    reorderQuantity: ZWhole('Reorder quantity', 1, 1_000_000).optional(),
    imageUrl: ZImageUrl.optional(),
  })
  .refine(({ categoryId, category }) => categoryId !== undefined || category !== undefined, {
    error: 'Choose a category',
    path: ['categoryId'],
    // Said with the other fields' messages, so one save shows them all.
    when: () => true,
  })
  .refine(notBoth, NOT_BOTH);

export const ZProductUpdateInput = z
  .strictObject({
    id: ZId,
    name: ZText(200, 'Name').optional(),
    description: ZDescription.optional(),
    ...categoryFields,
    priceCents: ZPriceCents.optional(),
    imageUrl: ZImageUrl.optional(),
    /** false archives, true brings an archived product back. */
    active: z.boolean().optional(),
  })
  .refine(({ id, ...changes }) => Object.values(changes).some((v) => v !== undefined), {
    error: 'Nothing to save: no field was changed',
  })
  .refine(notBoth, NOT_BOTH);

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
  /**
   * The categories a product can be put in (not archived), in tree order; the Categories
   * page reads admin.categories.list.
   */
  categories: adminProcedure.query(({ ctx }) => listAllCategories(ctx.db)),

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

import {
  listProductImages,
  MAX_IMAGES_PER_PRODUCT,
  removeProductImage,
  reorderProductImages,
  updateProductImage,
} from '@stockpulse/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure } from '../../trpc';
import { ZId } from './inputs';

/*
 * A product's photos. Uploading is not here: files come as multipart to apps/server's
 * `POST /admin/products/:id/images` (media/upload.ts). Every answer is the product's photos
 * in order, as `admin.products.byId` carries them.
 */

export const ZImageListInput = z.strictObject({ productId: ZId });

export const ZImageUpdateInput = z.strictObject({
  id: ZId,
  /** Empty: the product's name. */
  alt: z
    .string({ error: 'Alt text must be text' })
    .trim()
    .max(300, { error: 'Alt text can be at most 300 characters' }),
});

export const ZImageReorderInput = z.strictObject({
  productId: ZId,
  /** Every one of the product's images, first to last. */
  imageIds: z
    .array(ZId)
    .min(1, { error: 'Name the images in their new order' })
    .max(MAX_IMAGES_PER_PRODUCT),
});

export const ZImageIdInput = z.strictObject({ id: ZId });

export const adminImagesRouter = {
  /** A product's photos, first to last; NOT_FOUND for an unknown product. */
  list: adminProcedure
    .input(ZImageListInput)
    .query(({ ctx, input }) => listProductImages(ctx.db, input.productId)),

  /** New alt text for one photo. */
  update: adminProcedure
    .input(ZImageUpdateInput)
    .mutation(({ ctx, input }) => updateProductImage(ctx.db, input)),

  /** The photos in a new order; IMAGES_CHANGED when the ids are not exactly the product's. */
  reorder: adminProcedure
    .input(ZImageReorderInput)
    .mutation(({ ctx, input }) => reorderProductImages(ctx.db, input)),

  /** Deletes a photo and its files; the ones after it move up. */
  remove: adminProcedure.input(ZImageIdInput).mutation(({ ctx, input }) => {
    if (!ctx.media) {
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'no media store configured' });
    }
    return removeProductImage(ctx.db, ctx.media, input.id, (err, keys) =>
      ctx.log.warn({ err, keys }, 'image files left in the media store after a delete'),
    );
  }),
} satisfies TRPCRouterRecord;

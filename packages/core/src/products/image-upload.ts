import { type Database, schema } from '@stockpulse/db';
import { DomainError, type ProductPhoto, productPhotoFileKey } from '@stockpulse/shared';
import { eq, sql } from 'drizzle-orm';
import { renderProductImage } from '../media/render';
import type { MediaStore } from '../media/store';
import { addImageRow, imageFileKeys, MAX_IMAGES_PER_PRODUCT, tooMany } from './images';

export interface ImageUpload {
  productId: number;
  /** The file as uploaded, whole. */
  bytes: Buffer;
  /** Empty or absent: the product's name. */
  alt?: string | undefined;
}

/**
 * A staff upload: checked and rendered to WebP files (media/render.ts), the files put in
 * the store under names carrying the upload's hash, then the row recorded last in the
 * product's order with `product:updated` (images.ts). The same file uploaded again to the
 * same product answers the image it already is. NOT_FOUND for an unknown product,
 * IMAGE_UNSUPPORTED / IMAGE_TOO_LARGE / TOO_MANY_IMAGES for what cannot be taken.
 * Answers the new image's id and the product's photos in order.
 */
export async function uploadProductImage(
  db: Database,
  store: MediaStore,
  upload: ImageUpload,
): Promise<{ id: number; created: boolean; images: ProductPhoto[] }> {
  // Cheap refusals before the decoding work (the row write checks both again, locked).
  const [product] = await db
    .select({
      id: schema.products.id,
      images:
        sql<number>`(SELECT COUNT(*) FROM ${schema.productImages} WHERE ${schema.productImages.productId} = ${schema.products.id})`.mapWith(
          Number,
        ),
    })
    .from(schema.products)
    .where(eq(schema.products.id, upload.productId));
  if (!product) throw new DomainError('NOT_FOUND', `Product ${upload.productId} not found`);
  if (product.images >= MAX_IMAGES_PER_PRODUCT) throw tooMany();

  const rendered = await renderProductImage(upload.bytes);
  const storageKey = `product-images/${upload.productId}/${rendered.hash}`;
  await Promise.all(
    rendered.files.map((file) =>
      store.put(productPhotoFileKey(storageKey, file.width), file.body, 'image/webp'),
    ),
  );
  try {
    return await addImageRow(db, {
      productId: upload.productId,
      storageKey,
      width: rendered.width,
      height: rendered.height,
      alt: upload.alt ?? '',
    });
  } catch (error) {
    // Nothing refers to the files: take them back (best effort; the error is the answer).
    await store.delete(imageFileKeys({ storageKey, width: rendered.width })).catch(() => {});
    throw error;
  }
}

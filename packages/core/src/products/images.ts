import { type Database, schema } from '@stockpulse/db';
import {
  DomainError,
  type ProductPhoto,
  productPhotoFileKey,
  productPhotoWidths,
} from '@stockpulse/shared';
import { and, eq, gt, sql } from 'drizzle-orm';
import { inTransaction, isDuplicateKey, type Tx } from '../db/transaction';
import type { MediaStore } from '../media/store';
import { writeOutbox } from '../outbox/write';
import { productPhotos } from './photos';
import { productUpdatedEvent } from './updated-event';

const { productImages, products } = schema;

/** The most photos one product holds. */
export const MAX_IMAGES_PER_PRODUCT = 24;

/**
 * Every image write starts here: the product's row locked, so writers of one product's
 * images take turns and positions stay 0…n−1. NOT_FOUND for an unknown product.
 */
async function lockProduct(tx: Tx, productId: number): Promise<{ name: string }> {
  const [row] = await tx
    .select({ name: products.name })
    .from(products)
    .where(eq(products.id, productId))
    .for('update');
  if (!row) throw new DomainError('NOT_FOUND', `Product ${productId} not found`);
  return row;
}

/** The product changed: a newer `updated_at`, and `product:updated` (with its photos) to the outbox. */
async function productChanged(tx: Tx, productId: number): Promise<void> {
  await tx.update(products).set({ updatedAt: new Date() }).where(eq(products.id, productId));
  await writeOutbox(tx, [await productUpdatedEvent(tx, productId)]);
}

/** An image's row; `locked` reads the latest version (after `lockProduct`, under its lock). */
async function imageRow(tx: Tx, id: number, locked = false) {
  const query = tx
    .select({
      productId: productImages.productId,
      storageKey: productImages.storageKey,
      width: productImages.width,
      position: productImages.position,
    })
    .from(productImages)
    .where(eq(productImages.id, id));
  const [row] = locked ? await query.for('update') : await query;
  if (!row) throw new DomainError('NOT_FOUND', `Image ${id} not found`);
  return row;
}

/** The keys of an image's files in the media store. */
export const imageFileKeys = (row: { storageKey: string; width: number }) =>
  productPhotoWidths(row.width).map((width) => productPhotoFileKey(row.storageKey, width));

export interface NewImageRow {
  productId: number;
  storageKey: string;
  width: number;
  height: number;
  /** Empty: the product's name. */
  alt: string;
}

/**
 * Records an image whose files are in the store, last in the product's order.
 * `created: false` when the product has this image already (the same upload again): the
 * answer is that image and nothing changes. TOO_MANY_IMAGES past the limit.
 */
export async function addImageRow(
  db: Database,
  input: NewImageRow,
): Promise<{ created: boolean; images: ProductPhoto[]; id: number }> {
  try {
    return await inTransaction(db, async (tx) => {
      const product = await lockProduct(tx, input.productId);
      const [existing] = await tx
        .select({ id: productImages.id })
        .from(productImages)
        .where(eq(productImages.storageKey, input.storageKey));
      if (existing) {
        return {
          created: false,
          id: existing.id,
          images: await productPhotos(tx, input.productId),
        };
      }
      const [{ count }] = (await tx
        .select({ count: sql<number>`COUNT(*)`.mapWith(Number) })
        .from(productImages)
        .where(eq(productImages.productId, input.productId))) as [{ count: number }];
      if (count >= MAX_IMAGES_PER_PRODUCT) throw tooMany();
      const [inserted] = await tx.insert(productImages).values({
        ...input,
        alt: input.alt.trim() || product.name.slice(0, 300),
        position: count,
      });
      await productChanged(tx, input.productId);
      return {
        created: true,
        id: inserted.insertId,
        images: await productPhotos(tx, input.productId),
      };
    });
  } catch (error) {
    // The same upload to the same product twice at once: the other request recorded it.
    if (!isDuplicateKey(error)) throw error;
    const [row] = await db
      .select({ id: productImages.id })
      .from(productImages)
      .where(eq(productImages.storageKey, input.storageKey));
    if (!row) throw error;
    return { created: false, id: row.id, images: await productPhotos(db, input.productId) };
  }
}

export const tooMany = () =>
  new DomainError(
    'TOO_MANY_IMAGES',
    `A product holds at most ${MAX_IMAGES_PER_PRODUCT} images: delete one first`,
    { max: MAX_IMAGES_PER_PRODUCT },
  );

/** A product's photos in order; NOT_FOUND for an unknown product. */
export async function listProductImages(db: Database, productId: number): Promise<ProductPhoto[]> {
  const [product] = await db
    .select({ id: products.id })
    .from(products)
    .where(eq(products.id, productId));
  if (!product) throw new DomainError('NOT_FOUND', `Product ${productId} not found`);
  return productPhotos(db, productId);
}

/** New alt text for an image (empty: the product's name); answers the product's photos. */
export async function updateProductImage(
  db: Database,
  input: { id: number; alt: string },
): Promise<ProductPhoto[]> {
  return inTransaction(db, async (tx) => {
    const { productId } = await imageRow(tx, input.id);
    const product = await lockProduct(tx, productId);
    await tx
      .update(productImages)
      .set({ alt: input.alt.trim() || product.name.slice(0, 300) })
      .where(eq(productImages.id, input.id));
    await productChanged(tx, productId);
    return productPhotos(tx, productId);
  });
}

/**
 * Puts a product's photos in the order of `imageIds`, which must name each of them once:
 * otherwise IMAGES_CHANGED (another tab added or deleted one; the console reloads).
 */
export async function reorderProductImages(
  db: Database,
  input: { productId: number; imageIds: readonly number[] },
): Promise<ProductPhoto[]> {
  return inTransaction(db, async (tx) => {
    await lockProduct(tx, input.productId);
    const current = await productPhotos(tx, input.productId);
    const known = new Set(current.map((photo) => photo.id));
    const named = new Set(input.imageIds);
    if (
      named.size !== input.imageIds.length ||
      named.size !== known.size ||
      input.imageIds.some((id) => !known.has(id))
    ) {
      throw new DomainError(
        'IMAGES_CHANGED',
        "The product's images changed since they were loaded: reload them and try again",
        { imageIds: current.map((photo) => photo.id) },
      );
    }
    if (input.imageIds.every((id, index) => current[index]!.id === id)) return current;
    // One statement, so no moment has two photos at one position.
    const cases = sql.join(
      input.imageIds.map((id, position) => sql`WHEN ${id} THEN ${position}`),
      sql` `,
    );
    await tx
      .update(productImages)
      .set({ position: sql`CASE ${productImages.id} ${cases} END` })
      .where(eq(productImages.productId, input.productId));
    await productChanged(tx, input.productId);
    return productPhotos(tx, input.productId);
  });
}

/**
 * Deletes an image: its row (the ones after it move up) in one transaction, then its files.
 * A file the store fails to delete stays behind, unreferenced (its name is never reused
 * for other content), and is reported to `onFileError`; the answer is the remaining photos.
 */
export async function removeProductImage(
  db: Database,
  store: MediaStore,
  id: number,
  onFileError: (error: unknown, keys: string[]) => void = () => {},
): Promise<ProductPhoto[]> {
  const { images, keys } = await inTransaction(db, async (tx) => {
    // Which product, then its lock, then the row as it is under that lock.
    await lockProduct(tx, (await imageRow(tx, id)).productId);
    const row = await imageRow(tx, id, true);
    await tx.delete(productImages).where(eq(productImages.id, id));
    await tx
      .update(productImages)
      .set({ position: sql`${productImages.position} - 1` })
      .where(
        and(eq(productImages.productId, row.productId), gt(productImages.position, row.position)),
      );
    await productChanged(tx, row.productId);
    return { images: await productPhotos(tx, row.productId), keys: imageFileKeys(row) };
  });
  await store.delete(keys).catch((error: unknown) => onFileError(error, keys));
  return images;
}

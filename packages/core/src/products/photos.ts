import { type Database, schema } from '@stockpulse/db';
import { type ProductPhoto, productPhoto } from '@stockpulse/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/transaction';

const { productImages } = schema;

const photoColumns = {
  id: productImages.id,
  productId: productImages.productId,
  alt: productImages.alt,
  storageKey: productImages.storageKey,
  width: productImages.width,
  height: productImages.height,
};

/** A product's photos in the order the shop shows them (one index range). */
export async function productPhotos(db: Database | Tx, productId: number): Promise<ProductPhoto[]> {
  const rows = await db
    .select(photoColumns)
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position), asc(productImages.id));
  return rows.map(productPhoto);
}

/**
 * The first photo of each of a page's products (position 0), by product id: one read of
 * the page's ids, so a list answer carries one photo per product and no more.
 */
export async function firstProductPhotos(
  db: Database | Tx,
  productIds: readonly number[],
): Promise<Map<number, ProductPhoto>> {
  const firsts = new Map<number, ProductPhoto>();
  if (productIds.length === 0) return firsts;
  const rows = await db
    .select(photoColumns)
    .from(productImages)
    .where(and(inArray(productImages.productId, [...productIds]), eq(productImages.position, 0)))
    .orderBy(asc(productImages.id));
  for (const row of rows)
    if (!firsts.has(row.productId)) firsts.set(row.productId, productPhoto(row));
  return firsts;
}

/** Each row with `image` (its first photo or null) and `imageUrl` recomputed with it. */
export async function withFirstPhotos<T extends { id: number; imageUrl: string }>(
  db: Database,
  rows: T[],
): Promise<(T & { image: ProductPhoto | null })[]> {
  const firsts = await firstProductPhotos(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => {
    const image = firsts.get(row.id) ?? null;
    return { ...row, image, imageUrl: image?.src ?? row.imageUrl };
  });
}

import type { Database } from '@stockpulse/db';
import { products } from '@stockpulse/db/schema';
import { productImagePath } from '@stockpulse/shared';
import { eq } from 'drizzle-orm';

/**
 * The picture a product shows (`imageUrl` in every answer and event) when it has no
 * uploaded photo: its own image URL, else the generated one. With photos, the first one's
 * `src` takes its place (photos.ts `withFirstPhotos`, updated-event.ts).
 */
export const catalogImageUrl = (sku: string, imageUrl: string | null): string =>
  imageUrl ?? productImagePath(sku);

export interface ProductImageFacts {
  sku: string;
  name: string;
  category: string;
}

/**
 * What the generated product picture is drawn from, for any product (archived ones too:
 * old orders still show them); null when no product has that SKU.
 */
export async function productImageFacts(
  db: Database,
  sku: string,
): Promise<ProductImageFacts | null> {
  const [row] = await db
    .select({ sku: products.sku, name: products.name, category: products.category })
    .from(products)
    .where(eq(products.sku, sku))
    .limit(1);
  return row ?? null;
}

import { type Database, schema } from '@stockpulse/db';
import { DEFAULT_LOCATION_ID, DomainError } from '@stockpulse/shared';
import { eq } from 'drizzle-orm';
import type { StockKey } from './stock';

/**
 * How a caller names a stock row: a variant, or a product with exactly one variant (a
 * simple product, as before variants), at a location (the default location unless given).
 */
export interface StockRef {
  variantId?: number | undefined;
  productId?: number | undefined;
  locationId?: number | undefined;
}

/**
 * The stock row `ref` names: NOT_FOUND for an unknown product or variant, VARIANT_REQUIRED
 * for a product with several variants. Whether the row exists is the caller's to find.
 */
export async function resolveStockKey(db: Database, ref: StockRef): Promise<StockKey> {
  const locationId = ref.locationId ?? DEFAULT_LOCATION_ID;
  if (ref.variantId !== undefined) return { variantId: ref.variantId, locationId };
  if (ref.productId === undefined) {
    throw new DomainError('NOT_FOUND', 'Name a variantId (or the productId of a simple product)');
  }
  const variants = await db
    .select({ id: schema.variants.id })
    .from(schema.variants)
    .where(eq(schema.variants.productId, ref.productId))
    .limit(2);
  if (variants.length === 0) {
    throw new DomainError('NOT_FOUND', `Product ${ref.productId} not found`);
  }
  if (variants.length > 1) {
    throw new DomainError(
      'VARIANT_REQUIRED',
      `Product ${ref.productId} has several variants: name one (variantId)`,
      { productId: ref.productId },
    );
  }
  return { variantId: variants[0]!.id, locationId };
}

import { type Database, schema } from '@stockpulse/db';
import { asc, gt, inArray } from 'drizzle-orm';
import { type CsvCell, csvStream, EXPORT_BATCH_ROWS } from '../paging/csv';

const HEADER = [
  'sku',
  'product_sku',
  'product_name',
  'variant',
  'location',
  'on_hand',
  'reserved',
  'available',
  'incoming',
  'damaged',
  'quality_control',
  'safety_stock',
] as const;

/**
 * `GET /admin/export/inventory.csv` (DESIGN §11): a row per (variant, location), every
 * stock figure. Read plan, per batch of EXPORT_BATCH_ROWS variants: a range of the
 * variants' primary key after the last id (no OFFSET, no sort), then their stock rows by
 * `(variant_id, location_id)`, the inventory primary key (`variant_id IN (…)`), and their
 * products by primary key. Rows come out in (variant, location) order.
 */
export async function exportInventoryCsv(db: Database) {
  const locations = new Map(
    (
      await db
        .select({ id: schema.locations.id, code: schema.locations.code })
        .from(schema.locations)
    ).map((l) => [l.id, l.code]),
  );
  async function* batches(): AsyncGenerator<CsvCell[][]> {
    let after = 0;
    for (;;) {
      const variants = await db
        .select({
          id: schema.variants.id,
          sku: schema.variants.sku,
          title: schema.variants.title,
          productId: schema.variants.productId,
        })
        .from(schema.variants)
        .where(gt(schema.variants.id, after))
        .orderBy(asc(schema.variants.id))
        .limit(EXPORT_BATCH_ROWS);
      if (variants.length === 0) return;
      after = variants.at(-1)!.id;
      const [stock, products] = await Promise.all([
        db
          .select()
          .from(schema.inventory, { forceIndex: 'PRIMARY' })
          .where(
            inArray(
              schema.inventory.variantId,
              variants.map((v) => v.id),
            ),
          )
          .orderBy(asc(schema.inventory.variantId), asc(schema.inventory.locationId)),
        db
          .select({ id: schema.products.id, sku: schema.products.sku, name: schema.products.name })
          .from(schema.products)
          .where(inArray(schema.products.id, [...new Set(variants.map((v) => v.productId))])),
      ]);
      const variantById = new Map(variants.map((v) => [v.id, v]));
      const productById = new Map(products.map((p) => [p.id, p]));
      yield stock.map((row) => {
        const variant = variantById.get(row.variantId)!;
        const product = productById.get(variant.productId);
        return [
          variant.sku,
          product?.sku ?? '',
          product?.name ?? '',
          variant.title,
          locations.get(row.locationId) ?? String(row.locationId),
          row.onHand,
          row.reserved,
          row.available ?? 0,
          row.incoming,
          row.damaged,
          row.qualityControl,
          row.safetyStock,
        ];
      });
    }
  }
  return csvStream(HEADER, batches());
}

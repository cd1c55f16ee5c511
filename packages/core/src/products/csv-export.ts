import { type Database, schema } from '@stockpulse/db';
import { asc, eq, gt, inArray } from 'drizzle-orm';
import { type CsvCell, csvStream, EXPORT_BATCH_ROWS } from '../paging/csv';
import { exportHeader, formatPrice, OPTION_COLUMNS } from './import/format';
import { productOptions, productVariants } from './variants';

/** The active locations' codes, in allocation order: the export's stock columns. */
async function stockLocations(db: Database) {
  return db
    .select({ id: schema.locations.id, code: schema.locations.code })
    .from(schema.locations)
    .where(eq(schema.locations.active, true))
    .orderBy(asc(schema.locations.priority), asc(schema.locations.id));
}

/**
 * `GET /admin/export/products.csv` (DESIGN §11): one row per variant in the import's own
 * columns (import/format.ts), so the file re-imports as a no-op. Read plan, per batch of
 * EXPORT_BATCH_ROWS products: a range of the products' primary key after the last id
 * (`id > ? ORDER BY id LIMIT n`, no OFFSET, no sort), then their options
 * (`product_options (product_id, name)`), variants (`variants (product_id, position, id)`)
 * and stock (`inventory (product_id, location_id, available)`) by `product_id IN (…)`.
 */
export async function exportProductsCsv(db: Database) {
  const locations = await stockLocations(db);
  async function* batches(): AsyncGenerator<CsvCell[][]> {
    let after = 0;
    for (;;) {
      const products = await db
        .select({
          id: schema.products.id,
          sku: schema.products.sku,
          name: schema.products.name,
          category: schema.products.category,
          description: schema.products.description,
        })
        .from(schema.products)
        .where(gt(schema.products.id, after))
        .orderBy(asc(schema.products.id))
        .limit(EXPORT_BATCH_ROWS);
      if (products.length === 0) return;
      after = products.at(-1)!.id;
      const ids = products.map((p) => p.id);
      const [options, variants, stock] = await Promise.all([
        productOptions(db, ids),
        productVariants(db, ids),
        db
          .select({
            variantId: schema.inventory.variantId,
            locationId: schema.inventory.locationId,
            onHand: schema.inventory.onHand,
          })
          .from(schema.inventory)
          .where(inArray(schema.inventory.productId, ids)),
      ]);
      const onHand = new Map(stock.map((s) => [`${s.variantId}:${s.locationId}`, s.onHand]));
      const rows: CsvCell[][] = [];
      for (const product of products) {
        const names = (options.get(product.id) ?? []).map((o) => o.name);
        for (const variant of variants.get(product.id) ?? []) {
          const optionCells: CsvCell[] = [];
          for (let i = 0; i < OPTION_COLUMNS; i++) {
            const name = names[i];
            optionCells.push(name ?? '', name === undefined ? '' : (variant.options[name] ?? ''));
          }
          rows.push([
            product.sku,
            product.name,
            product.category,
            product.description,
            ...optionCells,
            variant.sku,
            formatPrice(variant.priceCents),
            variant.active ? 'true' : 'false',
            ...locations.map((l) => onHand.get(`${variant.id}:${l.id}`) ?? 0),
          ]);
        }
      }
      yield rows;
    }
  }
  return csvStream(exportHeader(locations.map((l) => l.code)), batches());
}

import { type Database, schema } from '@stockpulse/db';
import { products } from '@stockpulse/db/schema';
import type { ProductPhoto } from '@stockpulse/shared';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { OUTER_PRODUCT_ID, productAvailable, productInStock } from '../inventory/product-stock';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import { productsByName, productsWithStock } from './by-name';
import { type CategoryFilter, categoryFilterIds } from './categories';
import { catalogImageUrl } from './image';
import { productPhotos, withFirstPhotos } from './photos';
import { catalogSearchTerms } from './search';
import { type OptionInput, productOptions } from './variants';

export interface CatalogItem {
  id: number;
  sku: string;
  name: string;
  /** The category's name. */
  category: string;
  categoryId: number | null;
  priceCents: number;
  /** The picture to show: the first photo's `src`, else the product's own URL or generated one. */
  imageUrl: string;
  /** The first uploaded photo (srcset, alt, size), or null: lists carry no more. */
  image: ProductPhoto | null;
  /** What can be ordered right now: its variants' available over the online locations. */
  available: number;
  /** Its variants on sale: more than one, and a shopper picks on the product page. */
  variantCount: number;
  /** Its first variant on sale (a simple product's one), null when none is. */
  firstVariantId: number | null;
}

/** A variant as a shopper picks it: its options, price and what can be bought now. */
export interface CatalogVariant {
  id: number;
  sku: string;
  options: Record<string, string>;
  title: string;
  priceCents: number;
  available: number;
}

export interface CatalogProduct extends CatalogItem {
  description: string;
  /** The options a shopper picks from, in order (none for a simple product). */
  options: OptionInput[];
  /** Its variants on sale, sold-out ones too; `available` (the product's) is their sum. */
  variants: CatalogVariant[];
  /** Every uploaded photo, in order (`image` is the first). */
  images: ProductPhoto[];
  /**
   * Always true from the server (archived products are NOT_FOUND); a live
   * `product:updated` sets it false on a page that is open when the product is archived.
   */
  active: boolean;
}

export interface CatalogQuery extends CategoryFilter {
  search?: string | undefined;
  inStockOnly?: boolean | undefined;
  cursor?: CatalogCursor | undefined;
  limit: number;
}

/** Where a page ended: the last item's sort key (name, id). */
export interface CatalogCursor {
  name: string;
  id: number;
}

/** Opaque to clients (see paging/cursor.ts). */
export function encodeCatalogCursor(cursor: CatalogCursor): string {
  return encodeCursor('catalog', [cursor.name, cursor.id]);
}

/** The cursor, or null when `text` is not one this API handed out. */
export function decodeCatalogCursor(text: string): CatalogCursor | null {
  const keys = decodeCursor(text, 'catalog', ['string', 'int']);
  return keys ? { name: keys[0] as string, id: keys[1] as number } : null;
}

const columns = {
  id: products.id,
  sku: products.sku,
  name: products.name,
  category: products.category,
  categoryId: products.categoryId,
  priceCents: products.priceCents,
  imageUrl: products.imageUrl,
  // A product without an inventory row has nothing to sell.
  available: productAvailable,
  /** Variants on sale: one means a card can add it; more, the card links to the picker. */
  variantCount:
    sql<number>`(SELECT COUNT(*) FROM variants sv WHERE sv.product_id = ${OUTER_PRODUCT_ID} AND sv.active)`.mapWith(
      Number,
    ),
  /** The first variant on sale (a simple product's one). */
  firstVariantId: sql<
    number | null
  >`(SELECT MIN(sv.id) FROM variants sv WHERE sv.product_id = ${OUTER_PRODUCT_ID} AND sv.active)`.mapWith(
    (value) => (value === null ? null : Number(value)),
  ),
};

const withImage = <T extends { sku: string; imageUrl: string | null }>(row: T) => ({
  ...row,
  imageUrl: catalogImageUrl(row.sku, row.imageUrl),
});

/**
 * Active products by name then id, a keyset page at a time: `nextCursor` is null on the
 * last page. Filters: words (see `catalogSearchTerms`), category (by id or name, with its
 * subcategories), in stock. A search finds
 * the page's ids through the word index in this same order (products/word-search.ts),
 * then reads those rows as the plain list does.
 */
export async function listCatalog(
  db: Database,
  query: CatalogQuery,
): Promise<{ items: CatalogItem[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [eq(products.active, true)];
  // A category and everything under it: a parent lists its children's products too.
  const categoryIds =
    query.categoryId === undefined && query.category === undefined
      ? undefined
      : await categoryFilterIds(db, query);
  if (query.inStockOnly) conditions.push(productInStock);
  const terms = query.search === undefined ? null : catalogSearchTerms(query.search);
  const rows = await productsByName(db, productsWithStock(db, columns), {
    conditions,
    terms,
    cursor: query.cursor,
    limit: query.limit,
    categoryIds,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await withFirstPhotos(db, page.map(withImage)),
    nextCursor: rows.length > query.limit && last ? encodeCatalogCursor(last) : null,
  };
}

/** An active product with its description, or null (unknown or archived). */
export async function getCatalogProduct(db: Database, id: number): Promise<CatalogProduct | null> {
  const [row] = await db
    .select({ ...columns, description: products.description, active: products.active })
    .from(products)
    .where(and(eq(products.id, id), eq(products.active, true)))
    .limit(1);
  if (!row) return null;
  const [options, variants, images] = await Promise.all([
    productOptions(db, [id]),
    catalogVariants(db, id),
    productPhotos(db, id),
  ]);
  const image = images[0] ?? null;
  return {
    ...withImage(row),
    imageUrl: image?.src ?? withImage(row).imageUrl,
    image,
    images,
    options: options.get(id) ?? [],
    variants,
  };
}
/**
 * A product's variants on sale (DESIGN §11), each with what a shopper can buy of it now:
 * its available over the online locations. Sold-out ones stay, shown as such.
 */
export async function catalogVariants(db: Database, productId: number): Promise<CatalogVariant[]> {
  const { variants, inventory, locations } = schema;
  const rows = await db
    .select({
      id: variants.id,
      sku: variants.sku,
      options: variants.options,
      title: variants.title,
      priceCents: variants.priceCents,
      available:
        sql<number>`CAST(COALESCE(SUM(CASE WHEN ${locations.fulfilsOnline} AND ${locations.active} THEN ${inventory.available} END), 0) AS SIGNED)`.mapWith(
          Number,
        ),
    })
    .from(variants)
    .leftJoin(inventory, eq(inventory.variantId, variants.id))
    .leftJoin(locations, eq(locations.id, inventory.locationId))
    .where(and(eq(variants.productId, productId), eq(variants.active, true)))
    .groupBy(variants.id)
    .orderBy(asc(variants.position), asc(variants.id));
  return rows.map((row) => ({
    ...row,
    options: JSON.parse(row.options) as Record<string, string>,
  }));
}

import type { Database } from '@stockpulse/db';
import { inventory, products } from '@stockpulse/db/schema';
import type { ProductPhoto } from '@stockpulse/shared';
import { and, eq, gt, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import { productsByName, productsWithStock } from './by-name';
import { catalogImageUrl } from './image';
import { productPhotos, withFirstPhotos } from './photos';
import { catalogSearchTerms } from './search';

export interface CatalogItem {
  id: number;
  sku: string;
  name: string;
  category: string;
  priceCents: number;
  /** The picture to show: the first photo's `src`, else the product's own URL or generated one. */
  imageUrl: string;
  /** The first uploaded photo (srcset, alt, size), or null: lists carry no more. */
  image: ProductPhoto | null;
  /** on_hand − reserved: what can be ordered right now. */
  available: number;
}

export interface CatalogProduct extends CatalogItem {
  description: string;
  /** Every uploaded photo, in order (`image` is the first). */
  images: ProductPhoto[];
  /**
   * Always true from the server (archived products are NOT_FOUND); a live
   * `product:updated` sets it false on a page that is open when the product is archived.
   */
  active: boolean;
}

export interface CatalogQuery {
  search?: string | undefined;
  category?: string | undefined;
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
  priceCents: products.priceCents,
  imageUrl: products.imageUrl,
  // A product without an inventory row has nothing to sell.
  available: sql<number>`COALESCE(${inventory.available}, 0)`.mapWith(Number),
};

const withImage = <T extends { sku: string; imageUrl: string | null }>(row: T) => ({
  ...row,
  imageUrl: catalogImageUrl(row.sku, row.imageUrl),
});

/**
 * Active products by name then id, a keyset page at a time: `nextCursor` is null on the
 * last page. Filters: words (see `catalogSearchTerms`), category, in stock. A search finds
 * the page's ids through the word index in this same order (products/word-search.ts),
 * then reads those rows as the plain list does.
 */
export async function listCatalog(
  db: Database,
  query: CatalogQuery,
): Promise<{ items: CatalogItem[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [eq(products.active, true)];
  if (query.category !== undefined) conditions.push(eq(products.category, query.category));
  if (query.inStockOnly) conditions.push(gt(inventory.available, 0));
  const terms = query.search === undefined ? null : catalogSearchTerms(query.search);
  const rows = await productsByName(db, productsWithStock(db, columns), {
    conditions,
    terms,
    cursor: query.cursor,
    limit: query.limit,
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
    .leftJoin(inventory, eq(inventory.productId, products.id))
    .where(and(eq(products.id, id), eq(products.active, true)))
    .limit(1);
  if (!row) return null;
  const images = await productPhotos(db, id);
  const image = images[0] ?? null;
  return { ...withImage(row), imageUrl: image?.src ?? withImage(row).imageUrl, image, images };
}

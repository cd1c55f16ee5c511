import type { Database } from '@stockpulse/db';
import { inventory, products } from '@stockpulse/db/schema';
import { and, eq, gt, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../paging/cursor';
import { productsByName, productsWithStock } from './by-name';
import { type CategoryFilter, categoryFilterIds } from './categories';
import { catalogImageUrl } from './image';
import { catalogSearchTerms } from './search';

export interface CatalogItem {
  id: number;
  sku: string;
  name: string;
  /** The category's name. */
  category: string;
  categoryId: number | null;
  priceCents: number;
  imageUrl: string;
  /** on_hand − reserved: what can be ordered right now. */
  available: number;
}

export interface CatalogProduct extends CatalogItem {
  description: string;
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
  available: sql<number>`COALESCE(${inventory.available}, 0)`.mapWith(Number),
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
  if (query.inStockOnly) conditions.push(gt(inventory.available, 0));
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
    items: page.map(withImage),
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
  return row ? withImage(row) : null;
}

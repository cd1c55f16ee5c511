import { type Database, schema } from '@stockpulse/db';
import type { ProductPhoto } from '@stockpulse/shared';
import { eq, type SQL, sql } from 'drizzle-orm';
import { OUTER_PRODUCT_ID, productAvailable } from '../inventory/product-stock';
import { decodeCursor, encodeCursor, pageOf } from '../paging';
import { productsByName, productsWithStock } from './by-name';
import { catalogImageUrl } from './image';
import { productPhotos, withFirstPhotos } from './photos';
import { staffSearchTerms } from './search';
import { type OptionInput, productOptions, productVariants, type VariantView } from './variants';

const { products } = schema;

export interface AdminProduct {
  id: number;
  sku: string;
  name: string;
  description: string;
  category: string;
  /** The product's category record (`category` is its name). */
  categoryId: number | null;
  priceCents: number;
  /** The picture the product shows: its first photo, else its own image, else the generated one. */
  imageUrl: string;
  /** The first uploaded photo, or null (lists carry no more; `byId` adds `images`). */
  image: ProductPhoto | null;
  /**
   * The product's own image, or null when it shows the generated one: what the product
   * form edits (the create and update inputs' `imageUrl`).
   */
  ownImageUrl: string | null;
  active: boolean;
  onHand: number;
  available: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AdminProductQuery {
  /** Words that start words of the name, the SKU or the description (see search.ts). */
  search?: string | undefined;
  includeArchived?: boolean | undefined;
  cursor?: { name: string; id: number } | undefined;
  limit: number;
}

export function decodeAdminProductCursor(text: string) {
  const keys = decodeCursor(text, 'products', ['string', 'int']);
  return keys ? { name: keys[0] as string, id: keys[1] as number } : null;
}

const columns = {
  id: products.id,
  sku: products.sku,
  name: products.name,
  description: products.description,
  category: products.category,
  categoryId: products.categoryId,
  priceCents: products.priceCents,
  ownImageUrl: products.imageUrl,
  active: products.active,
  onHand:
    sql<number>`(SELECT COALESCE(SUM(si.on_hand), 0) FROM inventory si WHERE si.product_id = ${OUTER_PRODUCT_ID})`.mapWith(
      Number,
    ),
  available: productAvailable,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
};

const withImage = <T extends { sku: string; ownImageUrl: string | null }>(row: T) => ({
  ...row,
  imageUrl: catalogImageUrl(row.sku, row.ownImageUrl),
});

/**
 * Products for the console by name then id, archived ones only when asked; a search finds
 * the page's ids through the word index in that order (word-search.ts).
 */
export async function listAdminProducts(db: Database, query: AdminProductQuery) {
  const conditions: (SQL | undefined)[] = [];
  if (!query.includeArchived) conditions.push(eq(products.active, true));
  const terms = query.search ? staffSearchTerms(query.search) : null;
  if (query.search && !terms) return { items: [], nextCursor: null };
  const rows = await productsByName(db, productsWithStock(db, columns), {
    conditions,
    terms,
    cursor: query.cursor,
    limit: query.limit,
  });
  return pageOf(await withFirstPhotos(db, rows.map(withImage)), query.limit, (last) =>
    encodeCursor('products', [last.name, last.id]),
  );
}

/** One product, archived or not, with its options, variants and every photo in order, or null. */
export async function getAdminProduct(
  db: Database,
  id: number,
): Promise<AdminProductDetail | null> {
  const [row] = await db.select(columns).from(products).where(eq(products.id, id));
  if (!row) return null;
  const [options, variants, images] = await Promise.all([
    productOptions(db, [id]),
    productVariants(db, [id]),
    productPhotos(db, id),
  ]);
  const image = images[0] ?? null;
  return {
    ...withImage(row),
    imageUrl: image?.src ?? withImage(row).imageUrl,
    image,
    images,
    options: options.get(id) ?? [],
    variants: variants.get(id) ?? [],
  };
}

/** One product for the console's product page: its options and every variant, too. */
export type AdminProductDetail = AdminProduct & {
  images: ProductPhoto[];
  options: OptionInput[];
  variants: VariantView[];
};

import { index, int, mysqlTable, smallint, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from './columns';
import { products } from './products';

/**
 * Photos staff uploaded for a product, in the order the shop shows them (`position` 0 is
 * the picture lists show). `storage_key` is the base name of the image's files in the media
 * store (core/media): each width is `<storage_key>-<w>.webp`, the widths following from
 * `width` (core/products/image-urls.ts). `width`/`height` are those of the largest file, so
 * the aspect ratio is known before any file loads. Positions are kept 0…n−1 by the writers,
 * which lock the product row first (core/products/images.ts).
 */
export const productImages = mysqlTable(
  'product_images',
  {
    id: id(),
    productId: ref()
      .notNull()
      .references(() => products.id),
    storageKey: varchar({ length: 200 }).notNull().unique(),
    width: smallint({ unsigned: true }).notNull(),
    height: smallint({ unsigned: true }).notNull(),
    alt: varchar({ length: 300 }).notNull().default(''),
    position: int({ unsigned: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // A product's images in order, and the first images of a page of products.
    index('product_images_product_position_idx').on(t.productId, t.position),
  ],
);

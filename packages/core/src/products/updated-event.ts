import { schema } from '@stockpulse/db';
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/transaction';
import type { OutboxEvent } from '../outbox/messages';
import { catalogImageUrl } from './image';
import { productPhotos } from './photos';

/**
 * `product:updated` for the product as this transaction leaves it: the public details an
 * open product page or catalog card shows, so a new price, an archive or a new photo reaches
 * them live.
 */
export async function productUpdatedEvent(tx: Tx, id: number): Promise<OutboxEvent> {
  const [row] = await tx
    .select({
      name: schema.products.name,
      sku: schema.products.sku,
      description: schema.products.description,
      category: schema.products.category,
      priceCents: schema.products.priceCents,
      imageUrl: schema.products.imageUrl,
      active: schema.products.active,
      updatedAt: schema.products.updatedAt,
    })
    .from(schema.products)
    .where(eq(schema.products.id, id));
  if (!row) throw new Error(`product ${id} vanished inside its own update`);
  const images = await productPhotos(tx, id);
  return {
    kind: 'event',
    topic: 'product:updated',
    payload: {
      productId: id,
      name: row.name,
      description: row.description,
      category: row.category,
      priceCents: row.priceCents,
      imageUrl: images[0]?.src ?? catalogImageUrl(row.sku, row.imageUrl),
      images,
      active: row.active,
      at: row.updatedAt.toISOString(),
    },
  };
}

import { type Database, schema } from '@stockpulse/db';
import { OPEN_RESTOCK_STATUSES } from '@stockpulse/shared';
import { count, desc, eq, inArray } from 'drizzle-orm';

const { restocks, products } = schema;
const isOpen = inArray(restocks.status, OPEN_RESTOCK_STATUSES);

/**
 * The restocks still open (requested or in transit): how many there are, counted over the
 * range of `restocks (status)` they occupy (few at any time: the rest are received or
 * cancelled), and the newest `limit` of them with their product's name.
 */
export async function openRestocksSummary(db: Database, limit: number) {
  const [[total], items] = await Promise.all([
    db.select({ n: count() }).from(restocks).where(isOpen),
    db
      .select({
        id: restocks.id,
        productId: restocks.productId,
        productName: products.name,
        quantity: restocks.quantity,
        status: restocks.status,
        eta: restocks.eta,
        createdAt: restocks.createdAt,
      })
      .from(restocks)
      .innerJoin(products, eq(products.id, restocks.productId))
      .where(isOpen)
      .orderBy(desc(restocks.id))
      .limit(limit),
  ]);
  return { count: total?.n ?? 0, items };
}

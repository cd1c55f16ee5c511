import { type Database, schema } from '@stockpulse/db';
import type { RestockStatus } from '@stockpulse/shared';
import { and, desc, eq, lt } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../paging/cursor';

export const decodeRestockCursor = (text: string) => {
  const keys = decodeCursor(text, 'restocks', ['int']);
  return keys ? { id: keys[0] as number } : null;
};

/**
 * Restocks newest first, optionally of one status, with their product's name and SKU: a
 * range of the primary key, or of `restocks (status)` (InnoDB appends the id).
 */
export async function listRestocks(
  db: Database,
  input: { status?: RestockStatus | undefined; cursor?: { id: number } | null; limit: number },
) {
  const rows = await db
    .select({
      restock: schema.restocks,
      productName: schema.products.name,
      sku: schema.products.sku,
    })
    // `(status, id)` pages a status newest first; left alone, MariaDB may take
    // `(status, created_at)` for a status it believes rare and sort what it reads.
    .from(schema.restocks, input.status ? { forceIndex: 'restocks_status_idx' } : {})
    .innerJoin(schema.products, eq(schema.products.id, schema.restocks.productId))
    .where(
      and(
        input.status ? eq(schema.restocks.status, input.status) : undefined,
        input.cursor ? lt(schema.restocks.id, input.cursor.id) : undefined,
      ),
    )
    .orderBy(desc(schema.restocks.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ restock, productName, sku }) => ({ ...restock, productName, sku })),
    nextCursor:
      rows.length > input.limit && last ? encodeCursor('restocks', [last.restock.id]) : null,
  };
}

import { type Database, schema } from '@stockpulse/db';
import { asc, isNull } from 'drizzle-orm';

/**
 * When the oldest row still waiting for the relay was written, or null when none waits:
 * the outbox's lag, for monitoring. One probe of the (published_at, id) index: the lowest
 * id among the unpublished rows is the oldest.
 */
export async function oldestUnpublishedAt(db: Database): Promise<Date | null> {
  const [row] = await db
    .select({ createdAt: schema.outbox.createdAt })
    .from(schema.outbox)
    .where(isNull(schema.outbox.publishedAt))
    .orderBy(asc(schema.outbox.id))
    .limit(1);
  return row?.createdAt ?? null;
}

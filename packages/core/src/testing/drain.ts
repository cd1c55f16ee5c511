import type { Database } from '@stockpulse/db';
import type { OutboxPublisher, OutboxRow } from '../outbox/publisher';
import { relayBatch } from '../outbox/relay';

/**
 * Does what the relay does to every unpublished outbox row (marks it published and folds
 * its order events into the rollups), without Redis; answers the rows in id order. For
 * tests that run no relay but still expect every invariant to hold. Test-only.
 */
export async function drainOutbox(db: Database): Promise<OutboxRow[]> {
  const seen: OutboxRow[] = [];
  const publisher: OutboxPublisher = {
    ready: () => true,
    publish: async (rows) => {
      seen.push(...rows);
    },
  };
  while ((await relayBatch(db, publisher, { batchSize: 1_000 })) > 0) {}
  return seen.sort((a, b) => a.id - b.id);
}

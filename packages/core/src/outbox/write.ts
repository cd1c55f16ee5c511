import { schema } from '@stockpulse/db';
import { afterCommit, type Tx } from '../db/transaction';
import type { OutboxMessage } from './messages';
import { outboxCommitted } from './notify';

/**
 * Appends messages to the outbox inside the caller's transaction: one INSERT for all.
 * Once that transaction commits (`inTransaction`), the relays are woken (`outboxCommitted`).
 */
export async function writeOutbox(tx: Tx, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  afterCommit(tx, outboxCommitted);
  await tx.insert(schema.outbox).values(
    messages.map((message) => ({
      kind: message.kind,
      topic: message.topic,
      payload: JSON.stringify(message.payload),
    })),
  );
}

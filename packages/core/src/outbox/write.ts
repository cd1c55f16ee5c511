import { schema } from '@stockpulse/db';
import type { Tx } from '../db/transaction';
import type { OutboxMessage } from './messages';

/** Appends messages to the outbox inside the caller's transaction: one INSERT for all. */
export async function writeOutbox(tx: Tx, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(schema.outbox).values(
    messages.map((message) => ({
      kind: message.kind,
      topic: message.topic,
      payload: JSON.stringify(message.payload),
    })),
  );
}

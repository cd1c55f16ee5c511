import { schema } from '@stockpulse/db';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/transaction';
import { startOf } from './buckets';

/**
 * Counts money given back into `refund_rollup` (DESIGN §12: sales gross and net of
 * refunds), in the transaction that gives it back, so the figure is exact without a fold:
 * a refund the provider confirmed, or the amount of lines cancelled before capture (money
 * authorized, never taken). Net revenue = gross − these, per UTC hour and day of `at`.
 */
export async function recordMoneyBack(tx: Tx, cents: number, at: Date, refunds = 1) {
  if (cents <= 0) return;
  await tx
    .insert(schema.refundRollup)
    .values([
      { grain: 'hour', bucketStart: startOf('hour', at), refunds, refundedCents: cents },
      { grain: 'day', bucketStart: startOf('day', at), refunds, refundedCents: cents },
    ])
    .onDuplicateKeyUpdate({
      set: {
        refunds: sql`${schema.refundRollup.refunds} + VALUES(${schema.refundRollup.refunds})`,
        refundedCents: sql`${schema.refundRollup.refundedCents} + VALUES(${schema.refundRollup.refundedCents})`,
      },
    });
}

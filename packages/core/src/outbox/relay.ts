import { type Database, schema } from '@stockpulse/db';
import { withTimeout } from '@stockpulse/runtime';
import { asc, inArray, isNull, lt, sql } from 'drizzle-orm';
import { foldedThrough, foldStatusMoves, statusMovesOf } from '../reports/fold';
import type { OutboxPublisher, OutboxRow } from './publisher';

/** What the relay reports; pino's logger fits. */
export interface RelayLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export class RedisUnavailable extends Error {
  override readonly name = 'RedisUnavailable';
  constructor() {
    super('Redis is not connected');
  }
}

/**
 * One pass: claims up to `batchSize` unpublished rows (`FOR UPDATE SKIP LOCKED`, so
 * several relays share the work and never take the same row), publishes them, stamps
 * `published_at`, commits. If publishing fails the transaction rolls back and the rows
 * stay unpublished; if the process dies after publishing but before the commit, they
 * are published again (at-least-once: job ids and event versions make repeats harmless).
 * READ COMMITTED takes no gap locks, so writers appending to the outbox never wait on it.
 *
 * The same transaction folds the rows' order events into the sales and count rollups
 * (reports/fold.ts): marking a row and counting it commit together, so each is counted
 * exactly once even when it is published twice. The fold runs after publishing, so the
 * sockets hear of an order before its figures are added up; a `sales:changed` signal
 * follows the commit, for the views that show those figures.
 */
export async function relayBatch(
  db: Database,
  publisher: OutboxPublisher,
  options: { batchSize?: number; publishTimeoutMs?: number } = {},
): Promise<number> {
  const { batchSize = 200, publishTimeoutMs = 5_000 } = options;
  if (!publisher.ready()) throw new RedisUnavailable();
  const watermark = await foldedThrough(db);
  let folded = false;
  const published = await db.transaction(
    async (tx) => {
      const rows: OutboxRow[] = await tx
        .select({
          id: schema.outbox.id,
          kind: schema.outbox.kind,
          topic: schema.outbox.topic,
          payload: schema.outbox.payload,
          createdAt: schema.outbox.createdAt,
        })
        .from(schema.outbox)
        .where(isNull(schema.outbox.publishedAt))
        .orderBy(asc(schema.outbox.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      await withTimeout(
        publisher.publish(rows),
        publishTimeoutMs,
        `publishing took more than ${publishTimeoutMs} ms`,
      );
      folded = await foldStatusMoves(tx, statusMovesOf(rows, watermark));
      await tx
        .update(schema.outbox)
        .set({ publishedAt: sql`UTC_TIMESTAMP(3)` })
        .where(
          inArray(
            schema.outbox.id,
            rows.map((row) => row.id),
          ),
        );
      return rows.length;
    },
    // No `isolationLevel` option: every pooled connection is already READ COMMITTED
    // (packages/db/src/client.ts), and the option costs a SET statement per pass.
  );
  if (folded) publisher.salesChanged?.();
  return published;
}

/** Is anything waiting? One index probe, no locks: what the fallback poll asks. */
export async function hasUnpublished(db: Database): Promise<boolean> {
  const rows = await db
    .select({ id: schema.outbox.id })
    .from(schema.outbox)
    .where(isNull(schema.outbox.publishedAt))
    .limit(1);
  return rows.length > 0;
}

/** Deletes rows published more than `olderThanMs` ago, in bounded chunks; returns how many. */
export async function deletePublishedOutbox(db: Database, olderThanMs: number): Promise<number> {
  const before = new Date(Date.now() - olderThanMs);
  let deleted = 0;
  for (;;) {
    const [result] = await db.execute(
      sql`DELETE FROM ${schema.outbox} WHERE ${lt(schema.outbox.publishedAt, before)} LIMIT 5000`,
    );
    const affected = (result as unknown as { affectedRows: number }).affectedRows;
    deleted += affected;
    if (affected < 5000) return deleted;
  }
}

export interface OutboxRelayOptions {
  batchSize?: number;
  /**
   * Passes in flight at once. A row committed while a pass waits on its own commit is
   * claimed by the next pass at once (SKIP LOCKED keeps them apart) instead of waiting.
   */
  concurrency?: number;
  /** The fallback poll, for a wake-up that got lost. */
  pollMs?: number;
  /** Backoff after a failed pass doubles from 100 ms up to this. */
  maxBackoffMs?: number;
  log?: RelayLogger;
}

/**
 * The relay loop: a pass when woken (`wake()`, on each wake-up message), up to
 * `concurrency` at once, more passes while full batches keep coming, a probe every
 * `pollMs` otherwise, and an exponential backoff while Redis or MySQL fail. Idle, it costs
 * one indexed SELECT per poll and no timer besides that one.
 */
export function createOutboxRelay(
  db: Database,
  publisher: OutboxPublisher,
  options: OutboxRelayOptions = {},
) {
  const { batchSize = 200, concurrency = 2, pollMs = 1_000, maxBackoffMs = 5_000, log } = options;
  let stopped = true;
  let wanted = false;
  let failures = 0;
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let published = 0;

  const schedule = (ms: number, what: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(what, ms);
  };

  async function pass() {
    try {
      const count = await relayBatch(db, publisher, { batchSize });
      published += count;
      if (failures > 0) log?.info({ failures }, 'outbox relay recovered');
      failures = 0;
      if (count === batchSize) wanted = true;
    } catch (err) {
      failures++;
      const delay = Math.min(100 * 2 ** (failures - 1), maxBackoffMs);
      if (failures === 1 || delay === maxBackoffMs) {
        log?.warn({ err, failures, retryInMs: delay }, 'outbox relay pass failed; will retry');
      }
      schedule(delay, () => wake(true));
    }
  }

  /** A pass now; while backing off from a failure, only when `force` (Redis is back). */
  function wake(force = false) {
    wanted = true;
    if (stopped || running.size >= concurrency || (failures > 0 && !force)) return;
    wanted = false;
    clearTimeout(timer);
    const current = pass().finally(() => {
      running.delete(current);
      if (stopped || failures > 0) return; // a backoff timer is set
      if (wanted) wake();
      else if (running.size === 0) schedule(pollMs, poll);
    });
    running.add(current);
  }

  // While passes run or a backoff waits, they own the timer: the probe leaves it alone.
  const idle = () => !stopped && running.size === 0 && failures === 0;
  function poll() {
    if (!idle()) return;
    hasUnpublished(db).then(
      (any) => idle() && (any ? wake() : schedule(pollMs, poll)),
      () => idle() && wake(), // MySQL trouble: let the pass fail and back off
    );
  }

  return {
    wake: () => wake(),
    /** Ends a backoff early: Redis has just come back. */
    retryNow: () => wake(true),
    start() {
      stopped = false;
      wake();
    },
    /** Stops the loop and waits for the passes in progress to end. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
    /** Rows published since start, for logs and tests. */
    published: () => published,
  };
}
export type OutboxRelay = ReturnType<typeof createOutboxRelay>;

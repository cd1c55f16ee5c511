import { type Database, schema } from '@stockpulse/db';
import type { ImportCounts, ImportProgress, ImportStatus } from '@stockpulse/shared';
import { eq } from 'drizzle-orm';
import { inTransaction, type Tx } from '../../db/transaction';
import { writeOutbox } from '../../outbox/write';
import { applyProduct } from './apply';
import { groupByProduct, ImportFileError, parseImportFile, type RowError } from './parse';
import type { ImportLocation, ImportScope } from './scope';

/** Progress is saved and told (`import:progress`) at least this often, in rows. */
export const PROGRESS_EVERY_ROWS = 200;

const emptyCounts = (total = 0): ImportCounts => ({
  total,
  processed: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
});

const countColumns = (counts: ImportCounts) => ({
  totalRows: counts.total,
  processedRows: counts.processed,
  createdCount: counts.created,
  updatedCount: counts.updated,
  unchangedCount: counts.unchanged,
  failedCount: counts.failed,
});

/** Saves the figures and the refused rows so far, and tells the console, in one transaction. */
async function saveProgress(
  db: Database,
  id: number,
  status: ImportStatus,
  counts: ImportCounts,
  errors: RowError[],
  extra: { message?: string; finishedAt?: Date } = {},
) {
  await inTransaction(db, async (tx: Tx) => {
    if (errors.length > 0) {
      await tx.insert(schema.catalogImportErrors).values(
        errors.map((e) => ({
          importId: id,
          row: e.row,
          sku: e.sku?.slice(0, 64) ?? null,
          message: e.message.slice(0, 500),
        })),
      );
    }
    await tx
      .update(schema.catalogImports)
      .set({ status, ...countColumns(counts), ...extra, updatedAt: new Date() })
      .where(eq(schema.catalogImports.id, id));
    const payload: ImportProgress = { id, status, ...counts };
    await writeOutbox(tx, [{ kind: 'event', topic: 'import:progress', payload }]);
  });
}

/**
 * Runs a queued import (the `imports` job, DESIGN §11): parses the stored file, applies
 * it product by product (apply.ts: a transaction per product or per changed row, refused
 * rows reported and skipped), saves the figures and the refused rows every
 * PROGRESS_EVERY_ROWS rows with an `import:progress` event, and ends `done` (or `failed`
 * for a file that cannot be read, with why). A delivery of an import that has already
 * ended does nothing; one of an import left `running` by a crash starts it over, which
 * only redoes what is left, as every write compares first.
 */
export async function runImport(
  db: Database,
  importId: number,
  options: { progressEvery?: number } = {},
): Promise<ImportProgress | null> {
  const [found] = await db
    .select()
    .from(schema.catalogImports)
    .where(eq(schema.catalogImports.id, importId));
  if (!found) return null;
  if (found.status === 'done' || found.status === 'failed') return progressOf(found);

  await inTransaction(db, async (tx) => {
    await tx
      .delete(schema.catalogImportErrors)
      .where(eq(schema.catalogImportErrors.importId, importId));
    await tx
      .update(schema.catalogImports)
      .set({
        status: 'running',
        ...countColumns(emptyCounts()),
        startedAt: new Date(),
        message: null,
      })
      .where(eq(schema.catalogImports.id, importId));
  });

  let parsed: ReturnType<typeof parseImportFile>;
  try {
    parsed = parseImportFile(found.csv);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    const counts = emptyCounts();
    await saveProgress(db, importId, 'failed', counts, [], {
      message: error.message.slice(0, 500),
      finishedAt: new Date(),
    });
    return { id: importId, status: 'failed', ...counts };
  }

  const counts = emptyCounts(parsed.total);
  let pending: RowError[] = [...parsed.errors];
  counts.processed = parsed.errors.length;
  counts.failed = parsed.errors.length;
  const scope: ImportScope = {
    db,
    importId,
    adminId: found.createdBy,
    locations: await locationsByCode(db),
  };
  const every = options.progressEvery ?? PROGRESS_EVERY_ROWS;
  let savedAt = 0;
  await saveProgress(db, importId, 'running', counts, pending);
  pending = [];
  for (const rows of groupByProduct(parsed.rows)) {
    for (const outcome of await applyProduct(scope, rows)) {
      counts.processed += 1;
      counts[outcome.result] += 1;
      if (outcome.result === 'failed') {
        pending.push({ row: outcome.row, sku: outcome.sku, message: outcome.message });
      }
    }
    if (counts.processed - savedAt >= every) {
      await saveProgress(db, importId, 'running', counts, pending);
      pending = [];
      savedAt = counts.processed;
    }
  }
  await saveProgress(db, importId, 'done', counts, pending, { finishedAt: new Date() });
  return { id: importId, status: 'done', ...counts };
}

/**
 * Marks an import that cannot go on (its job's last attempt threw) as failed, with why,
 * unless it ended already.
 */
export async function failImport(db: Database, importId: number, why: string): Promise<void> {
  const [found] = await db
    .select()
    .from(schema.catalogImports)
    .where(eq(schema.catalogImports.id, importId));
  if (!found || found.status === 'done' || found.status === 'failed') return;
  await saveProgress(db, importId, 'failed', progressOf(found), [], {
    message: `The import stopped: ${why}`.slice(0, 500),
    finishedAt: new Date(),
  });
}

async function locationsByCode(db: Database): Promise<Map<string, ImportLocation>> {
  const rows = await db
    .select({
      id: schema.locations.id,
      code: schema.locations.code,
      active: schema.locations.active,
    })
    .from(schema.locations);
  return new Map(rows.map((row) => [row.code.toUpperCase(), { id: row.id, active: row.active }]));
}

/** An import row's figures as the event carries them. */
export function progressOf(row: typeof schema.catalogImports.$inferSelect): ImportProgress {
  return {
    id: row.id,
    status: row.status,
    total: row.totalRows,
    processed: row.processedRows,
    created: row.createdCount,
    updated: row.updatedCount,
    unchanged: row.unchangedCount,
    failed: row.failedCount,
  };
}

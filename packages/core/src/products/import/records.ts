import { type Database, schema } from '@stockpulse/db';
import {
  DomainError,
  type ImportProgress,
  type ImportStatus,
  importJobId,
  JOBS,
  MAX_IMPORT_BYTES,
  QUEUES,
} from '@stockpulse/shared';
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import { inTransaction } from '../../db/transaction';
import { writeOutbox } from '../../outbox/write';
import { decodeCursor, encodeCursor, pageOf } from '../../paging';
import { ImportFileError, readHeader } from './parse';

/**
 * Stores an uploaded file as a `queued` import and queues its job (`imports`, through the
 * outbox, so the job exists exactly when the row does), telling the console it is queued.
 * The header is checked first, so a file that cannot run is refused at once
 * (IMPORT_INVALID, with why); rows are checked by the job.
 */
export async function queueImport(
  db: Database,
  input: { csv: string; fileName: string; adminId: number },
): Promise<{ importId: number; jobId: string }> {
  if (Buffer.byteLength(input.csv) > MAX_IMPORT_BYTES) {
    throw new DomainError(
      'IMPORT_TOO_LARGE',
      `The file is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB limit`,
      { maxBytes: MAX_IMPORT_BYTES },
    );
  }
  try {
    readHeader(input.csv);
  } catch (error) {
    if (error instanceof ImportFileError) throw new DomainError('IMPORT_INVALID', error.message);
    throw error;
  }
  const importId = await inTransaction(db, async (tx) => {
    const [inserted] = await tx.insert(schema.catalogImports).values({
      fileName: input.fileName.slice(0, 255) || 'products.csv',
      csv: input.csv,
      createdBy: input.adminId,
    });
    const id = inserted.insertId;
    const progress: ImportProgress = {
      id,
      status: 'queued',
      total: 0,
      processed: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
    };
    await writeOutbox(tx, [
      {
        kind: 'job',
        topic: QUEUES.imports,
        payload: { name: JOBS.imports.run, jobId: importJobId(id), data: { importId: id } },
      },
      { kind: 'event', topic: 'import:progress', payload: progress },
    ]);
    return id;
  });
  return { importId, jobId: importJobId(importId) };
}

/** An import as the console lists it: its figures, never its file. */
export interface ImportSummary extends ImportProgress {
  fileName: string;
  message: string | null;
  createdBy: number;
  createdByName: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const summaryColumns = {
  id: schema.catalogImports.id,
  status: schema.catalogImports.status,
  fileName: schema.catalogImports.fileName,
  totalRows: schema.catalogImports.totalRows,
  processedRows: schema.catalogImports.processedRows,
  createdCount: schema.catalogImports.createdCount,
  updatedCount: schema.catalogImports.updatedCount,
  unchangedCount: schema.catalogImports.unchangedCount,
  failedCount: schema.catalogImports.failedCount,
  message: schema.catalogImports.message,
  createdBy: schema.catalogImports.createdBy,
  createdByName: schema.users.name,
  createdAt: schema.catalogImports.createdAt,
  startedAt: schema.catalogImports.startedAt,
  finishedAt: schema.catalogImports.finishedAt,
};

interface SummaryRow {
  id: number;
  status: ImportStatus;
  fileName: string;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  failedCount: number;
  message: string | null;
  createdBy: number;
  createdByName: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

function summaryOf(row: SummaryRow): ImportSummary {
  return {
    id: row.id,
    status: row.status,
    total: row.totalRows,
    processed: row.processedRows,
    created: row.createdCount,
    updated: row.updatedCount,
    unchanged: row.unchangedCount,
    failed: row.failedCount,
    fileName: row.fileName,
    message: row.message,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

const LIST_ORDER = 'imports';

/** Imports newest first, a keyset page on the primary key. */
export async function listImports(
  db: Database,
  query: { cursor?: string | null | undefined; limit: number },
) {
  const after = query.cursor ? decodeCursor(query.cursor, LIST_ORDER, ['int']) : null;
  if (query.cursor && !after) {
    throw new DomainError('NOT_FOUND', 'not a cursor this list handed out');
  }
  const rows = await db
    .select(summaryColumns)
    .from(schema.catalogImports)
    .innerJoin(schema.users, eq(schema.users.id, schema.catalogImports.createdBy))
    .where(after ? lt(schema.catalogImports.id, after[0] as number) : undefined)
    .orderBy(desc(schema.catalogImports.id))
    .limit(query.limit + 1);
  return pageOf(rows.map(summaryOf), query.limit, (last) => encodeCursor(LIST_ORDER, [last.id]));
}

const ERRORS_ORDER = 'import-errors';

/**
 * One import with a page of its refused rows in row order (keyset on the primary key
 * `(import_id, row)`): `errorsCursor` is the previous page's `nextErrorsCursor`.
 */
export async function getImport(
  db: Database,
  query: { id: number; errorsCursor?: string | null | undefined; errorsLimit: number },
) {
  const [row] = await db
    .select(summaryColumns)
    .from(schema.catalogImports)
    .innerJoin(schema.users, eq(schema.users.id, schema.catalogImports.createdBy))
    .where(eq(schema.catalogImports.id, query.id));
  if (!row) throw new DomainError('NOT_FOUND', `Import ${query.id} not found`);
  const after = query.errorsCursor ? decodeCursor(query.errorsCursor, ERRORS_ORDER, ['int']) : null;
  if (query.errorsCursor && !after) {
    throw new DomainError('NOT_FOUND', 'not a cursor this list handed out');
  }
  const errors = await db
    .select({
      row: schema.catalogImportErrors.row,
      sku: schema.catalogImportErrors.sku,
      message: schema.catalogImportErrors.message,
    })
    .from(schema.catalogImportErrors)
    .where(
      and(
        eq(schema.catalogImportErrors.importId, query.id),
        after ? gt(schema.catalogImportErrors.row, after[0] as number) : undefined,
      ),
    )
    .orderBy(schema.catalogImportErrors.row)
    .limit(query.errorsLimit + 1);
  const page = pageOf(errors, query.errorsLimit, (last) => encodeCursor(ERRORS_ORDER, [last.row]));
  return { ...summaryOf(row), errors: page.items, nextErrorsCursor: page.nextCursor };
}

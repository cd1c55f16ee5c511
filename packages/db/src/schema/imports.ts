import { IMPORT_STATUSES } from '@stockpulse/shared';
import {
  index,
  int,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  varchar,
} from 'drizzle-orm/mysql-core';
import { id, ref, timestamps, utcTime } from './columns';
import { users } from './users';

/**
 * A catalog CSV import (DESIGN §11): the file as uploaded (at most MAX_IMPORT_BYTES, so
 * MEDIUMTEXT holds it), where the job is, and its figures in rows of the file. Written by
 * `POST /admin/import/products` (status `queued`, with its `imports` job in the outbox)
 * and then only by the job (core/products/import/run.ts). `message` says why a `failed`
 * import stopped (a file that is not CSV, no `sku` column).
 */
export const catalogImports = mysqlTable(
  'catalog_imports',
  {
    id: id(),
    status: mysqlEnum(IMPORT_STATUSES).notNull().default('queued'),
    fileName: varchar({ length: 255 }).notNull(),
    csv: mediumtext().notNull(),
    totalRows: int({ unsigned: true }).notNull().default(0),
    processedRows: int({ unsigned: true }).notNull().default(0),
    createdCount: int({ unsigned: true }).notNull().default(0),
    updatedCount: int({ unsigned: true }).notNull().default(0),
    unchangedCount: int({ unsigned: true }).notNull().default(0),
    failedCount: int({ unsigned: true }).notNull().default(0),
    message: varchar({ length: 500 }),
    createdBy: ref()
      .notNull()
      .references(() => users.id),
    startedAt: utcTime(),
    finishedAt: utcTime(),
    ...timestamps,
  },
  (t) => [index('catalog_imports_status_idx').on(t.status)],
);

/**
 * The rows of an import that were refused, one each, with why: the console's per-row
 * report, read by keyset pages on the primary key. `row` is the spreadsheet's row number
 * (the header is row 1).
 */
export const catalogImportErrors = mysqlTable(
  'catalog_import_errors',
  {
    importId: ref()
      .notNull()
      .references(() => catalogImports.id, { onDelete: 'cascade' }),
    row: int({ unsigned: true }).notNull(),
    sku: varchar({ length: 64 }),
    message: varchar({ length: 500 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row] })],
);

export type CatalogImportRow = typeof catalogImports.$inferSelect;

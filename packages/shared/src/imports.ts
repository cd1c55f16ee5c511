/**
 * The catalog CSV import (DESIGN §11): its states, the file limit, and what the console is
 * told as it runs (`import:progress`). The file's columns are in docs/csv.md.
 */
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** The largest CSV `POST /admin/import/products` takes (about 50,000 variant rows). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** An import's figures, counted in rows of the file (one row is one variant). */
export interface ImportCounts {
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

import type { Database } from '@stockpulse/db';
import { DomainError } from '@stockpulse/shared';
import type { ImportRow } from './parse';

/** What one row of the file came to. */
export type RowOutcome =
  | { row: number; sku: string; result: 'created' | 'updated' | 'unchanged' }
  | { row: number; sku: string; result: 'failed'; message: string };

/** A location as the file names it (`stock:CODE`). */
export interface ImportLocation {
  id: number;
  active: boolean;
}

export interface ImportScope {
  db: Database;
  importId: number;
  adminId: number;
  /** Every location by code (upper case). */
  locations: ReadonlyMap<string, ImportLocation>;
}

/** A row whose location codes are resolved. */
export interface ResolvedRow extends ImportRow {
  locationStock: { locationId: number; code: string; quantity: number }[];
}

export const failed = (row: ImportRow, message: string): RowOutcome => ({
  row: row.row,
  sku: row.sku,
  result: 'failed',
  message,
});

/** A refusal that is the row's fault (a DomainError), as its outcome; anything else is thrown. */
export function refusal(row: ImportRow, error: unknown): RowOutcome {
  if (error instanceof DomainError) return failed(row, error.message);
  throw error;
}

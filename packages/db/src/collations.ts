import type { Connection, RowDataPacket } from 'mysql2/promise';

/** What every table and stored procedure is pinned to (migration 0008), on MySQL and MariaDB. */
export const PINNED_CHARSET = 'utf8mb4';
export const PINNED_COLLATION = 'utf8mb4_unicode_ci';

export interface CollationFindings {
  database: string;
  /** The database's default, which tables and procedures created without one take. */
  defaultCharset: string;
  defaultCollation: string;
  /** Tables not in the pinned collation, with the one they have. */
  unpinnedTables: { name: string; collation: string }[];
  /** String parameters of procedures not in the pinned collation. */
  unpinnedParameters: { procedure: string; parameter: string; collation: string }[];
}

/** Reads the database's default collation and what of ours does not follow the pinned one. */
export async function findCollations(connection: Connection): Promise<CollationFindings> {
  const [[schema]] = await connection.query<RowDataPacket[]>(
    `SELECT SCHEMA_NAME AS name, DEFAULT_CHARACTER_SET_NAME AS charset,
       DEFAULT_COLLATION_NAME AS collation
     FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()`,
  );
  const [tables] = await connection.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_COLLATION <> ?
     ORDER BY TABLE_NAME`,
    [PINNED_COLLATION],
  );
  const [parameters] = await connection.query<RowDataPacket[]>(
    `SELECT SPECIFIC_NAME AS \`procedure\`, PARAMETER_NAME AS parameter, COLLATION_NAME AS collation
     FROM information_schema.PARAMETERS
     WHERE SPECIFIC_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL AND COLLATION_NAME <> ?
     ORDER BY SPECIFIC_NAME, ORDINAL_POSITION`,
    [PINNED_COLLATION],
  );
  return {
    database: String(schema?.name ?? ''),
    defaultCharset: String(schema?.charset ?? ''),
    defaultCollation: String(schema?.collation ?? ''),
    unpinnedTables: tables.map((row) => ({ name: row.name, collation: row.collation })),
    unpinnedParameters: parameters.map((row) => ({
      procedure: row.procedure,
      parameter: row.parameter,
      collation: row.collation,
    })),
  };
}

/** What of ours is not in the pinned collation yet, or null when everything is. */
export function describeUnpinned(found: CollationFindings): string | null {
  const parts: string[] = [];
  const byCollation = new Map<string, string[]>();
  for (const table of found.unpinnedTables) {
    byCollation.set(table.collation, [...(byCollation.get(table.collation) ?? []), table.name]);
  }
  for (const [collation, names] of byCollation) {
    parts.push(`${names.length} table(s) in ${collation} (${names.join(', ')})`);
  }
  const procedures = new Set(found.unpinnedParameters.map((p) => p.procedure));
  if (procedures.size > 0) parts.push(`procedure(s) ${[...procedures].join(', ')} unpinned`);
  return parts.length > 0 ? parts.join('; ') : null;
}

/**
 * One line for the operator when the database is not as `ensureDatabase` creates it (its
 * default, and what of ours did not follow the pinned collation), or null when it is.
 */
export function describeCollations(found: CollationFindings): string | null {
  const unpinned = describeUnpinned(found);
  if (found.defaultCollation === PINNED_COLLATION && unpinned === null) return null;
  const base = `database ${found.database} defaults to ${found.defaultCharset} / ${found.defaultCollation}`;
  return unpinned === null ? base : `${base}; found ${unpinned}`;
}

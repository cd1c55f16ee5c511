import { getTableColumns, getTableName } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { MySqlTable } from 'drizzle-orm/mysql-core';
import type { Connection } from 'mysql2/promise';

/** A table and the columns, in order, that each row tuple fills. */
export interface BulkTable {
  name: string;
  insertSql: string;
}

/**
 * Derives `INSERT INTO t (a, b) VALUES ?` from the Drizzle table, so a renamed column
 * fails to compile here instead of at run time.
 */
export function bulkTable<T extends MySqlTable>(
  table: T,
  columns: readonly (keyof T['$inferInsert'] & string)[],
): BulkTable {
  const all = getTableColumns(table) as Record<string, { name: string; keyAsName: boolean }>;
  const names = columns.map((key) => {
    const column = all[key]!;
    return column.keyAsName ? toSnakeCase(column.name) : column.name;
  });
  const name = getTableName(table);
  return {
    name,
    insertSql: `INSERT INTO \`${name}\` (${names.map((n) => `\`${n}\``).join(', ')}) VALUES ?`,
  };
}

export interface BulkWriterOptions {
  /** Rows per multi-row INSERT; also the buffer size that triggers a flush. */
  rowsPerStatement?: number;
  /** Statements sent ahead before waiting for the oldest, so generation overlaps the database. */
  maxInFlight?: number;
}

/**
 * Buffers row tuples per table and writes them as multi-row INSERTs, one transaction per
 * flush, tables in the given (parent-first) order. Statements are pipelined on the one
 * connection: the next batch is generated while the server stores the last one.
 */
export class BulkWriter {
  private readonly buffers = new Map<BulkTable, unknown[][]>();
  private readonly inFlight: Promise<unknown>[] = [];
  private readonly rowsPerStatement: number;
  private readonly maxInFlight: number;
  private firstError: unknown;
  readonly written = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly tables: readonly BulkTable[],
    options: BulkWriterOptions = {},
  ) {
    this.rowsPerStatement = options.rowsPerStatement ?? 5000;
    this.maxInFlight = options.maxInFlight ?? 6;
    for (const table of tables) {
      this.buffers.set(table, []);
      this.written.set(table.name, 0);
    }
  }

  add(table: BulkTable, row: unknown[]): void {
    const buffer = this.buffers.get(table);
    if (!buffer) throw new Error(`BulkWriter: table ${table.name} was not registered`);
    buffer.push(row);
  }

  /** True once some buffer holds a full statement's worth of rows. */
  get full(): boolean {
    for (const buffer of this.buffers.values()) {
      if (buffer.length >= this.rowsPerStatement) return true;
    }
    return false;
  }

  /** Sends every buffered row, parents first, in one transaction. */
  async flush(): Promise<void> {
    const statements: [string, unknown[][]][] = [];
    for (const table of this.tables) {
      const rows = this.buffers.get(table)!;
      for (let i = 0; i < rows.length; i += this.rowsPerStatement) {
        statements.push([table.insertSql, rows.slice(i, i + this.rowsPerStatement)]);
      }
      this.written.set(table.name, this.written.get(table.name)! + rows.length);
      this.buffers.set(table, []);
    }
    if (statements.length === 0) return;
    await this.send('START TRANSACTION');
    for (const [sql, rows] of statements) await this.send(sql, [rows]);
    await this.send('COMMIT');
  }

  /** Flushes what is left and waits for the server to have stored all of it. */
  async finish(): Promise<void> {
    await this.flush();
    while (this.inFlight.length > 0) await this.inFlight.shift();
    if (this.firstError) throw this.firstError;
  }

  private async send(sql: string, values?: unknown[]): Promise<void> {
    if (this.firstError) throw this.firstError;
    const pending = this.connection.query(sql, values);
    // Recorded here so a failure is never an unhandled rejection; rethrown when awaited.
    pending.catch((error: unknown) => {
      this.firstError ??= error;
    });
    this.inFlight.push(pending);
    while (this.inFlight.length > this.maxInFlight) await this.inFlight.shift();
  }
}

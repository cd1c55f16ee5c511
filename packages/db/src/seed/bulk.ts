import { Readable } from 'node:stream';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { MySqlTable } from 'drizzle-orm/mysql-core';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { type RowFormat, rowText } from './row-text';

/** A table and the columns, in order, that each row tuple fills. */
export interface BulkTable {
  name: string;
  /** `INSERT INTO t (a, b) VALUES `, to which the row tuples are appended. */
  insertSql: string;
  /** `` `a`, `b` ``: the columns each row fills, in order. */
  columnList: string;
  columns: number;
}

/**
 * Derives `INSERT INTO t (a, b) VALUES ` and LOAD DATA's column list from the Drizzle table, so a renamed column
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
  const columnList = names.map((n) => `\`${n}\``).join(', ');
  return {
    name,
    insertSql: `INSERT INTO \`${name}\` (${columnList}) VALUES `,
    columnList,
    columns: columns.length,
  };
}

export interface BulkWriterOptions {
  /** LOAD DATA LOCAL INFILE (where the server allows it) or multi-row INSERT. */
  format: RowFormat;
  /**
   * Bytes of rows per statement: 1 MB, well inside the default max_allowed_packet (16 MiB
   * on MariaDB, 64 MiB on MySQL 8). Larger statements saved nothing measurable; smaller
   * ones cost a round trip and a parse each.
   */
  statementBytes?: number;
}

/** One connection and the statement sent on it that the server has not answered yet. */
class Lane {
  inFlight: Promise<unknown> | undefined;
  constructor(readonly connection: Connection) {}
}

interface TableBuffer {
  table: BulkTable;
  lane: Lane;
  bytes: Buffer;
  used: number;
  rows: number;
}

/** The name LOAD DATA asks the client for; the stream factory answers with the rows. */
const INFILE = 'stockpulse-seed.tsv';

/**
 * Collects each table's rows as bytes (row-text.ts) and writes them a megabyte at a time,
 * each table on one of `connections` (dealt round robin in the order given, so list the
 * big tables first), so the server stores several tables at once while the generator
 * produces the next rows. A connection has one statement in flight at most: the
 * generator runs ahead on the other tables, and a LOAD DATA's warnings are read before
 * the next statement on its connection. Each statement commits by itself: the load runs
 * with foreign key and unique checks off (the rows are consistent by construction), so
 * nothing needs a parent row written first.
 */
export class BulkWriter {
  private readonly buffers = new Map<BulkTable, TableBuffer>();
  private readonly lanes: Lane[];
  private readonly format: RowFormat;
  private readonly statementBytes: number;
  private firstError: unknown;
  private anyFull = false;
  readonly written = new Map<string, number>();

  constructor(
    connections: readonly Connection[],
    tables: readonly BulkTable[],
    options: BulkWriterOptions,
  ) {
    if (connections.length === 0) throw new Error('BulkWriter needs a connection');
    this.format = options.format;
    this.statementBytes = options.statementBytes ?? 1_000_000;
    this.lanes = connections.map((c) => new Lane(c));
    tables.forEach((table, i) => {
      const lane = this.lanes[i % this.lanes.length]!;
      this.buffers.set(table, { table, lane, bytes: this.allocate(), used: 0, rows: 0 });
      this.written.set(table.name, 0);
    });
  }

  add(table: BulkTable, row: readonly unknown[]): void {
    const buffer = this.buffers.get(table);
    if (!buffer) throw new Error(`BulkWriter: table ${table.name} was not registered`);
    if (row.length !== table.columns) {
      throw new Error(`BulkWriter: ${table.name} takes ${table.columns} values, got ${row.length}`);
    }
    const text = rowText(this.format, row);
    // At most 3 bytes of UTF-8 per UTF-16 unit: a row that might not fit gets a buffer of its own.
    if (buffer.used + 3 * text.length > buffer.bytes.length) {
      const grown = Buffer.allocUnsafe(
        Math.max(buffer.bytes.length, 2 * (buffer.used + 3 * text.length)),
      );
      buffer.bytes.copy(grown, 0, 0, buffer.used);
      buffer.bytes = grown;
    }
    buffer.used += buffer.bytes.write(text, buffer.used);
    buffer.rows += 1;
    if (buffer.used >= this.statementBytes) this.anyFull = true;
  }

  /** True once some table holds a statement's worth of rows. */
  get full(): boolean {
    return this.anyFull;
  }

  /** Sends the tables that hold a statement's worth (all of them with `everything`). */
  async flush(everything = false): Promise<void> {
    this.anyFull = false;
    for (const buffer of this.buffers.values()) {
      if (buffer.rows === 0 || (!everything && buffer.used < this.statementBytes)) continue;
      const { table, lane, bytes, used, rows } = buffer;
      buffer.bytes = this.allocate();
      buffer.used = 0;
      buffer.rows = 0;
      this.written.set(table.name, this.written.get(table.name)! + rows);
      await this.send(lane, table, bytes.subarray(0, used));
    }
  }

  /** Flushes what is left and waits for the server to have stored all of it. */
  async finish(): Promise<void> {
    await this.flush(true);
    for (const lane of this.lanes) await lane.inFlight;
    if (this.firstError) throw this.firstError;
  }

  private allocate(): Buffer {
    return Buffer.allocUnsafe(this.statementBytes + 64 * 1024);
  }

  private async send(lane: Lane, table: BulkTable, rows: Buffer): Promise<void> {
    await lane.inFlight;
    if (this.firstError) throw this.firstError;
    const pending =
      this.format === 'load'
        ? loadData(lane.connection, table, rows)
        : lane.connection.query(table.insertSql + rows.toString('utf8', 0, rows.length - 1));
    // Recorded here so a failure is never an unhandled rejection; rethrown by the next call.
    lane.inFlight = pending.then(
      () => undefined,
      (error: unknown) => {
        this.firstError ??= error;
      },
    );
  }
}

/**
 * LOAD DATA LOCAL INFILE of `rows` (tab-separated lines). With LOCAL the server turns
 * bad values into warnings (a string cut to its column's length) instead of errors, as
 * it cannot stop the client mid-file: any warning fails the load here, with the server's
 * words for it.
 */
async function loadData(connection: Connection, table: BulkTable, rows: Buffer): Promise<void> {
  const [result] = await connection.query<ResultSetHeader>({
    sql: `LOAD DATA LOCAL INFILE '${INFILE}' INTO TABLE \`${table.name}\` CHARACTER SET utf8mb4 (${table.columnList})`,
    infileStreamFactory: () => Readable.from([rows]),
  });
  if (result.warningStatus === 0) return;
  const [warnings] = await connection.query<RowDataPacket[]>('SHOW WARNINGS LIMIT 3');
  const said = warnings.map((w) => String(w.Message)).join('; ');
  throw new Error(`loading ${table.name}: ${result.warningStatus} warning(s): ${said}`);
}

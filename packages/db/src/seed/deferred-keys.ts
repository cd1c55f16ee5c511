import type { Connection, RowDataPacket } from 'mysql2/promise';

/**
 * Secondary keys built after the bulk load instead of during it, as InnoDB prefers: a row
 * inserted into a table with a dozen secondary indexes updates a dozen B-trees at random
 * places (`stock_movements` by product, `orders` by customer, the FULLTEXT indexes word by
 * word), and once those trees outgrow the buffer pool each insert waits for page reads.
 * `ALTER TABLE … ADD INDEX` after the load sorts each index's entries and writes the tree
 * once. The foreign keys go and come back with them: MySQL refuses to drop an index a
 * foreign key needs, even with foreign_key_checks off; re-added with the checks off they
 * are metadata only.
 *
 * The definitions are taken from SHOW CREATE TABLE, so the indexes a migration adds later
 * are deferred too, and restored exactly: `restoreKeys` compares every table's definition
 * with the one it started from and throws on any difference.
 */

export interface DeferredTable {
  table: string;
  /** SHOW CREATE TABLE before, without its AUTO_INCREMENT counter. */
  definition: string;
  /** `KEY …`, `UNIQUE KEY …` as SHOW CREATE TABLE writes them (ADD-able as they are). */
  indexes: string[];
  /** InnoDB builds one FULLTEXT index per ALTER. */
  fulltext: string[];
  /** `CONSTRAINT … FOREIGN KEY …`. */
  foreignKeys: string[];
}

const INDEX = /^(?:UNIQUE |SPATIAL )?KEY `((?:[^`]|``)+)` /;
const FULLTEXT = /^FULLTEXT KEY `((?:[^`]|``)+)` /;
const FOREIGN_KEY = /^CONSTRAINT `((?:[^`]|``)+)` FOREIGN KEY /;

const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;
const nameOf = (line: string, pattern: RegExp) => pattern.exec(line)![1]!.replaceAll('``', '`');

async function showCreateTable(connection: Connection, table: string): Promise<string> {
  const [rows] = await connection.query<RowDataPacket[]>(`SHOW CREATE TABLE ${quote(table)}`);
  const text = rows[0]?.['Create Table'];
  if (typeof text !== 'string') throw new Error(`SHOW CREATE TABLE ${table} returned nothing`);
  return text.replace(/ AUTO_INCREMENT=\d+/, '');
}

/** The definition's lines, trimmed, without their trailing commas. */
function linesOf(definition: string): string[] {
  return definition.split('\n').map((line) => line.trim().replace(/,$/, ''));
}

/** What deferring would take off `definition` (a SHOW CREATE TABLE text). */
export function parseKeys(table: string, definition: string): DeferredTable {
  const lines = linesOf(definition);
  return {
    table,
    definition,
    indexes: lines.filter((line) => INDEX.test(line)),
    fulltext: lines.filter((line) => FULLTEXT.test(line)),
    foreignKeys: lines.filter((line) => FOREIGN_KEY.test(line)),
  };
}

/** The secondary indexes and foreign keys of `tables`, as they are defined now. */
export async function readKeys(
  connection: Connection,
  tables: readonly string[],
): Promise<DeferredTable[]> {
  const deferred: DeferredTable[] = [];
  for (const table of tables) {
    deferred.push(parseKeys(table, await showCreateTable(connection, table)));
  }
  return deferred;
}

/**
 * Drops what `readKeys` found (on empty tables: instant), every foreign key first.
 * Needs foreign_key_checks = 0 on `connection`.
 */
export async function dropKeys(
  connection: Connection,
  deferred: readonly DeferredTable[],
): Promise<void> {
  for (const t of deferred) {
    if (t.foreignKeys.length === 0) continue;
    const drops = t.foreignKeys.map((fk) => `DROP FOREIGN KEY ${quote(nameOf(fk, FOREIGN_KEY))}`);
    await connection.query(`ALTER TABLE ${quote(t.table)} ${drops.join(', ')}`);
  }
  for (const t of deferred) {
    const drops = [
      ...t.indexes.map((line) => nameOf(line, INDEX)),
      ...t.fulltext.map((line) => nameOf(line, FULLTEXT)),
    ].map((name) => `DROP INDEX ${quote(name)}`);
    if (drops.length > 0) {
      await connection.query(`ALTER TABLE ${quote(t.table)} ${drops.join(', ')}`);
    }
  }
}

/**
 * The statements that put one table's indexes back, leaving out those `current` (its
 * definition now) already has: the other indexes in one ALTER (one pass over the rows),
 * then each FULLTEXT index.
 */
export function indexStatements(t: DeferredTable, current: DeferredTable): string[] {
  const table = quote(t.table);
  const indexes = t.indexes.filter((line) => !current.indexes.includes(line));
  const statements: string[] = [];
  if (indexes.length > 0) {
    statements.push(`ALTER TABLE ${table} ${indexes.map((line) => `ADD ${line}`).join(', ')}`);
  }
  for (const line of t.fulltext) {
    if (!current.fulltext.includes(line)) statements.push(`ALTER TABLE ${table} ADD ${line}`);
  }
  return statements;
}

async function current(connection: Connection, table: string): Promise<DeferredTable> {
  return parseKeys(table, await showCreateTable(connection, table));
}

/**
 * Builds the deferred indexes, a table per connection at a time in the order given (put
 * the largest first, so the longest build does not start last), then the foreign keys,
 * then checks that every table is defined exactly as before. Needs foreign_key_checks = 0
 * on every connection. Whatever a failed earlier call already restored is left as it is.
 */
export async function restoreKeys(
  connections: readonly Connection[],
  deferred: readonly DeferredTable[],
  onIndexed: (table: string) => void = () => {},
): Promise<void> {
  const queue = [...deferred];
  await Promise.all(
    connections.map(async (connection) => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        for (const statement of indexStatements(t, await current(connection, t.table))) {
          await connection.query(statement);
        }
        onIndexed(t.table);
      }
    }),
  );
  const connection = connections[0]!;
  for (const t of deferred) {
    const now = await current(connection, t.table);
    const adds = t.foreignKeys.filter((fk) => !now.foreignKeys.includes(fk));
    if (adds.length === 0) continue;
    await connection.query(
      `ALTER TABLE ${quote(t.table)} ${adds.map((fk) => `ADD ${fk}`).join(', ')}`,
    );
  }
  for (const t of deferred) {
    const before = linesOf(t.definition).sort();
    const after = linesOf(await showCreateTable(connection, t.table)).sort();
    const missing = before.filter((line) => !after.includes(line));
    const extra = after.filter((line) => !before.includes(line));
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(
        `table ${t.table} is not defined as before the load: missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`,
      );
    }
  }
}

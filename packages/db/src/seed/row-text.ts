import mysql from 'mysql2';

/**
 * Rows as text, written as they are generated, in one of the two forms the server loads:
 * tab-separated lines for LOAD DATA LOCAL INFILE (what MariaDB and MySQL load fastest: no
 * SQL to parse, 2.4× faster than the same rows as INSERT on this machine), or the tuples
 * of a multi-row INSERT where the server refuses LOCAL INFILE (MySQL 8's default). Either
 * way each row is formatted once, here; mysql2's own escaper walked every value of arrays
 * of arrays that were held until their statement was sent, and collecting them was 40 %
 * of the seed's CPU.
 */
export type RowFormat = 'load' | 'insert';

/** Characters a string literal of an INSERT needs mysql2's escaping for. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: \x1a (Ctrl-Z) is one MySQL escapes
const SQL_SPECIAL = /[\0\b\t\n\r\x1a"'\\]/;
/** Characters a LOAD DATA field needs escaped (its defaults: tab, newline, backslash). */
const TSV_SPECIAL = /[\0\t\n\r\\]/g;
const TSV_ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\\': '\\\\',
};

function checkNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`seed: cannot write the number ${value}`);
  return String(value);
}

function unsupported(value: unknown): never {
  throw new Error(`seed: cannot write a ${typeof value} as a column value`);
}

/** One value as a SQL literal: numbers and booleans as they are, strings quoted, null NULL. */
export function sqlValue(value: unknown): string {
  if (typeof value === 'number') return checkNumber(value);
  if (typeof value === 'string')
    return SQL_SPECIAL.test(value) ? mysql.escape(value) : `'${value}'`;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value === null || value === undefined) return 'NULL';
  return unsupported(value);
}

/** One value as a LOAD DATA field: `\N` for NULL, tabs, newlines and backslashes escaped. */
export function tsvValue(value: unknown): string {
  if (typeof value === 'number') return checkNumber(value);
  if (typeof value === 'string') {
    TSV_SPECIAL.lastIndex = 0;
    return TSV_SPECIAL.test(value) ? value.replace(TSV_SPECIAL, (c) => TSV_ESCAPES[c]!) : value;
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value === null || value === undefined) return '\\N';
  return unsupported(value);
}

/** One row with its separator: `(1,'a',NULL),` or `1\ta\t\N\n`. */
export function rowText(format: RowFormat, values: readonly unknown[]): string {
  let text = '';
  if (format === 'load') {
    for (let i = 0; i < values.length; i++) {
      text += i === 0 ? tsvValue(values[i]) : `\t${tsvValue(values[i])}`;
    }
    return `${text}\n`;
  }
  for (let i = 0; i < values.length; i++) {
    text += i === 0 ? sqlValue(values[i]) : `,${sqlValue(values[i])}`;
  }
  return `(${text}),`;
}

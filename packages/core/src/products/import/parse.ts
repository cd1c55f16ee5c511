import { parseCents } from '@stockpulse/shared';
import { parse } from 'csv-parse/sync';
import {
  KNOWN_COLUMNS,
  OPTION_COLUMNS,
  optionColumns,
  type PRODUCT_COLUMNS,
  STOCK_PREFIX,
} from './format';

/** A file that cannot be imported at all; the message is the one staff see. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

/** One variant row of the file, read and checked on its own. */
export interface ImportRow {
  /** The spreadsheet's row number: the header is row 1. */
  row: number;
  productSku: string;
  /** Blank cells are absent: "leave as it is" for a product or variant that exists. */
  name?: string;
  category?: string;
  description?: string;
  /** The option pairs given, in column order. */
  options: { name: string; value: string }[];
  sku: string;
  priceCents?: number;
  active?: boolean;
  /** On hand per location code (upper case), for the stock cells that are not blank. */
  stock: { code: string; quantity: number }[];
}

/** A row refused before it reached the database. */
export interface RowError {
  row: number;
  sku: string | null;
  message: string;
}

export interface ParsedFile {
  rows: ImportRow[];
  errors: RowError[];
  /** Data rows in the file, refused ones included. */
  total: number;
}

const MAX_QUANTITY = 1_000_000_000;
const LIMITS = { product_sku: 64, sku: 64, name: 200, category: 64, description: 5_000 } as const;

/** The header's columns, checked: a `sku` and a `product_sku`, nothing unknown. */
export function checkHeader(columns: readonly string[]): void {
  const seen = new Set<string>();
  const unknown: string[] = [];
  for (const column of columns) {
    if (seen.has(column)) throw new ImportFileError(`The column ${column} appears twice`);
    seen.add(column);
    if (column.startsWith(STOCK_PREFIX)) {
      if (!/^[A-Z0-9_-]{1,16}$/.test(column.slice(STOCK_PREFIX.length))) {
        throw new ImportFileError(
          `${column} does not name a location code (1 to 16 letters, digits, _ or -)`,
        );
      }
    } else if (!KNOWN_COLUMNS.has(column)) unknown.push(column);
  }
  for (const required of ['product_sku', 'sku']) {
    if (!seen.has(required)) throw new ImportFileError(`The file has no ${required} column`);
  }
  if (unknown.length > 0) {
    throw new ImportFileError(
      `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (see docs/csv.md)`,
    );
  }
}

/** A header cell as a column name: trimmed, lower case, but a stock column's code upper. */
function columnName(cell: string): string {
  const name = cell.trim().replace(/^\uFEFF/, '');
  const lower = name.toLowerCase();
  return lower.startsWith(STOCK_PREFIX)
    ? `${STOCK_PREFIX}${name.slice(STOCK_PREFIX.length).trim().toUpperCase()}`
    : lower;
}

function records(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new ImportFileError(`The file is not readable CSV: ${(error as Error).message}`);
  }
}

/** Only the header, for the upload's quick check before the file is queued. */
export function readHeader(text: string): string[] {
  const firstLine = text.slice(0, 64 * 1024);
  const end = firstLine.search(/\r?\n/);
  const [first] = records(end === -1 ? firstLine : firstLine.slice(0, end));
  if (!first) throw new ImportFileError('The file is empty');
  const columns = first.map(columnName);
  checkHeader(columns);
  return columns;
}

/**
 * Reads the whole file (csv-parse, RFC 4180: quoted cells may hold commas, quotes and line
 * breaks) into checked rows and the rows refused with why. Throws ImportFileError for a
 * file that is not CSV or whose header is wrong.
 */
export function parseImportFile(text: string): ParsedFile {
  const all = records(text);
  const [header, ...body] = all;
  if (!header) throw new ImportFileError('The file is empty');
  const columns = header.map(columnName);
  checkHeader(columns);
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  for (const [i, record] of body.entries()) {
    const row = i + 2;
    const cells = new Map<string, string>();
    for (const [c, column] of columns.entries()) cells.set(column, record[c] ?? '');
    const result = readRow(row, cells, record.length > columns.length);
    if ('message' in result) errors.push(result);
    else rows.push(result);
  }
  return { rows, errors, total: body.length };
}

function readRow(
  row: number,
  cells: Map<string, string>,
  tooManyCells: boolean,
): ImportRow | RowError {
  // Cells are trimmed but the description, which is kept as written (an export re-imports
  // byte for byte); a cell of only spaces is blank.
  const cell = (name: string) => {
    const value = cells.get(name) ?? '';
    if (value.trim() === '') return undefined;
    return name === 'description' ? value : value.trim();
  };
  const sku = cell('sku');
  const refuse = (message: string): RowError => ({ row, sku: sku ?? null, message });
  if (tooManyCells) return refuse('The row has more cells than the header has columns');
  const productSku = cell('product_sku');
  if (!productSku) return refuse('product_sku is blank: name the product this variant belongs to');
  if (!sku) return refuse('sku is blank: every row is a variant and needs its SKU');
  for (const [column, max] of Object.entries(LIMITS)) {
    const value = cell(column);
    if (value && value.length > max) return refuse(`${column} is longer than ${max} characters`);
  }

  const options: ImportRow['options'] = [];
  for (let n = 1; n <= OPTION_COLUMNS; n++) {
    const [nameColumn, valueColumn] = optionColumns(n);
    const name = cell(nameColumn);
    const value = cell(valueColumn);
    if (!name && !value) continue;
    if (!name) return refuse(`${valueColumn} is "${value}" but ${nameColumn} is blank`);
    if (!value) return refuse(`${nameColumn} is "${name}" but ${valueColumn} is blank`);
    if (name.length > 40 || value.length > 40) {
      return refuse(`Option names and values are at most 40 characters (option ${n})`);
    }
    options.push({ name, value });
  }

  let priceCents: number | undefined;
  const price = cell('price');
  const cents = cell('price_cents');
  if (price !== undefined) {
    const parsed = parseCents(price.replace(/^\$/, ''));
    if (parsed === null) return refuse(`price "${price}" is not an amount like 12.50`);
    priceCents = parsed;
  }
  if (cents !== undefined) {
    if (!/^\d{1,9}$/.test(cents)) return refuse(`price_cents "${cents}" is not a whole number`);
    if (priceCents !== undefined && priceCents !== Number(cents)) {
      return refuse(`price ${price} and price_cents ${cents} disagree`);
    }
    priceCents = Number(cents);
  }
  if (priceCents !== undefined && priceCents < 1) return refuse('price must be above zero');

  let active: boolean | undefined;
  const activeCell = cell('active')?.toLowerCase();
  if (activeCell !== undefined) {
    if (['true', 'yes', '1'].includes(activeCell)) active = true;
    else if (['false', 'no', '0'].includes(activeCell)) active = false;
    else return refuse(`active "${cell('active')}" is not true or false`);
  }

  const stock: ImportRow['stock'] = [];
  for (const [column, value] of cells) {
    if (!column.startsWith(STOCK_PREFIX) || value.trim() === '') continue;
    const quantity = value.trim();
    if (!/^\d{1,10}$/.test(quantity) || Number(quantity) > MAX_QUANTITY) {
      return refuse(`${column} "${quantity}" is not a whole number of units from 0`);
    }
    stock.push({ code: column.slice(STOCK_PREFIX.length), quantity: Number(quantity) });
  }

  const product: Partial<Pick<ImportRow, (typeof PRODUCT_COLUMNS)[number] & keyof ImportRow>> = {};
  for (const column of ['name', 'category', 'description'] as const) {
    const value = cell(column);
    if (value !== undefined) product[column] = value;
  }
  return {
    row,
    productSku,
    ...product,
    options,
    sku,
    ...(priceCents === undefined ? {} : { priceCents }),
    ...(active === undefined ? {} : { active }),
    stock,
  };
}

/** The rows of each product, in the order products first appear in the file. */
export function groupByProduct(rows: readonly ImportRow[]): ImportRow[][] {
  const groups = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const group = groups.get(row.productSku);
    if (group) group.push(row);
    else groups.set(row.productSku, [row]);
  }
  return [...groups.values()];
}

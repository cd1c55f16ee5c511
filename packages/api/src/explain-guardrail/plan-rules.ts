// Test-only (the EXPLAIN guardrail): which plan rows of a statement are too slow for a
// request path on a big shop. Pure functions over SQL text and EXPLAIN rows, so the rules
// are unit-tested on their own (plan-rules.test.ts).

/**
 * The tables that grow with the shop's history (orders and their lines, the stock ledger)
 * or its customers: a request must never read all of them or sort all of their rows.
 */
export const GUARDED_TABLES = ['orders', 'order_details', 'stock_movements', 'users'] as const;

/**
 * A full index scan (`type: index`) passes only as an ordered walk that stops at the
 * LIMIT: the optimizer then estimates about LIMIT rows. This much slack over the LIMIT
 * still counts as "about" (estimates of a filtered walk overshoot a little).
 */
export const INDEX_SCAN_SLACK = 2;

/**
 * One row of plain `EXPLAIN` as MariaDB 10.11 and MySQL 8 both print it (MySQL adds
 * `partitions` and `filtered`, which the rules ignore).
 */
export interface PlanRow {
  id: number | null;
  select_type: string;
  table: string | null;
  type: string | null;
  possible_keys: string | null;
  key: string | null;
  key_len: string | null;
  ref: string | null;
  rows: number | string | null;
  Extra: string | null;
}

export interface PlanProblem {
  /** The table the row reads (its real name, not the alias). */
  table: string;
  why: string;
  row: PlanRow;
}

/** Words that may follow a table name in FROM/JOIN but are not its alias. */
const NOT_ALIASES = new Set(
  [
    'on',
    'using',
    'where',
    'join',
    'inner',
    'left',
    'right',
    'outer',
    'cross',
    'natural',
    'straight_join',
    'use',
    'force',
    'ignore',
    'group',
    'order',
    'limit',
    'having',
    'window',
    'union',
    'for',
    'lock',
    'set',
    'partition',
  ].map((word) => word.toUpperCase()),
);

/** `text` with every quoted string replaced by `''`, so keywords inside data are not parsed. */
export function withoutStrings(text: string): string {
  return text.replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"/g, "''");
}

/**
 * Every table a statement names after FROM or JOIN, by the name its EXPLAIN rows carry
 * (the alias if it has one, else the table): `FROM orders o JOIN users ON …` gives
 * o → orders, users → users. Derived tables (`FROM (SELECT …) x`) are not listed:
 * EXPLAIN calls them `<derivedN>`.
 */
export function tablesOf(sql: string): Map<string, string> {
  const names = new Map<string, string>();
  const pattern = /\b(?:FROM|JOIN)\s+(?:`?\w+`?\.)?`?(\w+)`?(?:\s+(?:AS\s+)?(?!\()`?(\w+)`?)?/gi;
  for (const match of withoutStrings(sql).matchAll(pattern)) {
    const table = match[1]!;
    if (NOT_ALIASES.has(table.toUpperCase()) || table.toUpperCase() === 'SELECT') continue;
    const alias = match[2];
    const named = alias && !NOT_ALIASES.has(alias.toUpperCase()) ? alias : table;
    names.set(named, table);
  }
  return names;
}

/**
 * The largest LIMIT anywhere in the statement (`LIMIT 26`, `LIMIT 50, 26` and
 * `LIMIT 26 OFFSET 50` → 76), if any. EXPLAIN rows cannot be matched to the subquery
 * they plan, so an index walk is judged against the largest: on this shop a real full
 * index scan estimates thousands of rows, far above any page size.
 */
export function largestLimitOf(sql: string): number | undefined {
  let found: number | undefined;
  const limits = /\bLIMIT\s+(\d+)(?:\s*,\s*(\d+)|\s+OFFSET\s+(\d+))?/gi;
  for (const match of withoutStrings(sql).matchAll(limits)) {
    // `LIMIT offset, count` and `LIMIT count OFFSET offset`: the walk reads both.
    const [first, second, offset] = [match[1], match[2], match[3]].map((n) =>
      n === undefined ? 0 : Number(n),
    ) as [number, number, number];
    const reads = first + (match[2] !== undefined ? second : offset);
    found = Math.max(found ?? 0, reads);
  }
  return found;
}

/** Is this EXPLAIN row a temporary table the server built (derived, union, subquery)? */
function isBuiltTable(table: string): boolean {
  return /^<(derived|union|subquery|materialize)[\d,]*>$/i.test(table);
}

/** MariaDB prints a rowid filter as `ref|filter`, `range|filter`: the access is the first. */
const accessOf = (row: PlanRow) => (row.type ?? '').split('|')[0]!;

/** Accesses that read at most one row per row joined before them. */
const ONE_ROW = new Set(['system', 'const', 'eq_ref']);

/** "temporary and filesort", or null when the row neither sorts nor builds a temporary table. */
function sortsOf(row: PlanRow): string | null {
  const extra = row.Extra ?? '';
  const sorts = ['Using temporary', 'Using filesort'].filter((what) => extra.includes(what));
  return sorts.length > 0 ? sorts.map((s) => s.slice('Using '.length)).join(' and ') : null;
}

/**
 * The rows of `plan` that break a rule, for a statement whose text is `sql`:
 * - on a guarded table: a full table scan (`type: ALL`), a full index scan not bounded
 *   by the LIMIT, or a filesort / temporary table;
 * - on any other table (small, or built by the server from a subquery): a filesort or
 *   temporary table of a join that reads a guarded table more than a row at a time, since
 *   MariaDB notes the sort on the first table but sorts every joined row;
 * - a row the parser cannot name (teach `tablesOf` its syntax): the guardrail never
 *   guesses that a table is harmless.
 */
export function planProblems(sql: string, plan: PlanRow[]): PlanProblem[] {
  const tables = tablesOf(sql);
  const limit = largestLimitOf(sql);
  const guarded = new Set<string>(GUARDED_TABLES);
  const problems: PlanProblem[] = [];
  // Each row with the real table it reads (a built table keeps its `<derivedN>` name).
  const named = plan.map((row) => {
    const built = row.table !== null && isBuiltTable(row.table);
    const table = row.table === null || built ? row.table : (tables.get(row.table) ?? null);
    return { row, table, built, unknown: row.table !== null && table === null };
  });
  for (const { row, table, built, unknown } of named) {
    if (row.table === null) continue;
    if (unknown) {
      problems.push({
        table: row.table,
        why: `EXPLAIN names a table "${row.table}" that tablesOf() did not find in the SQL`,
        row,
      });
      continue;
    }
    const sorts = sortsOf(row);
    if (built || !guarded.has(table!)) {
      // The sort of a join: which guarded tables of the same SELECT fan out?
      const fanning = named.filter(
        (other) =>
          other.row.id === row.id &&
          other.table !== null &&
          guarded.has(other.table) &&
          !ONE_ROW.has(accessOf(other.row)),
      );
      if (sorts && fanning.length > 0) {
        const joined = fanning.map((f) => `${f.table} (${f.row.type})`).join(', ');
        problems.push({
          table: fanning[0]!.table!,
          why: `${sorts} on ${row.table}, joined with ${joined}: every joined row is sorted (${row.Extra})`,
          row,
        });
      }
      continue;
    }
    // MariaDB appends a rowid filter's selectivity: `26 (50%)`.
    const rows = Number.parseFloat(String(row.rows ?? 0));
    const access = accessOf(row);
    if (access === 'ALL') {
      problems.push({
        table: table!,
        why: `full table scan of ${table} (type ALL, ~${rows} rows)`,
        row,
      });
    } else if (access === 'index') {
      const bounded = limit !== undefined && rows <= INDEX_SCAN_SLACK * limit;
      if (!bounded) {
        problems.push({
          table: table!,
          why: `full index scan of ${table} (type index, ~${rows} rows, ${
            limit === undefined ? 'no LIMIT' : `LIMIT ${limit}`
          })`,
          row,
        });
      }
    }
    if (sorts) problems.push({ table: table!, why: `${sorts} on ${table} (${row.Extra})`, row });
  }
  return problems;
}

/**
 * What EXPLAIN cannot see: an ordered index walk "bounded by the LIMIT" whose filter
 * matches little reads on until it has found the LIMIT's rows, possibly the whole table
 * (a search by `LIKE '%…%'` walking every customer). MariaDB's ANALYZE runs the statement
 * and counts the rows each table access really read; a read of more than this share of a
 * guarded table's rows (and more than EXAMINED_MIN_ROWS) is a scan whatever the plan says.
 */
export const EXAMINED_MAX_SHARE = 0.5;
export const EXAMINED_MIN_ROWS = 200;

/** One table access as `ANALYZE FORMAT=JSON` reports it. */
export interface TableAccess {
  /** The name the plan prints (alias or table). */
  table: string;
  /** Times the access ran, and rows it read each time (averaged). */
  loops: number;
  rows: number;
}

export interface ExaminedProblem {
  table: string;
  why: string;
  access: TableAccess;
}

/** Every table access in MariaDB's `ANALYZE FORMAT=JSON` document, however nested. */
export function accessesOf(analyze: unknown): TableAccess[] {
  const found: TableAccess[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.table_name === 'string') {
      found.push({
        table: record.table_name,
        loops: Number(record.r_loops ?? 0),
        rows: Number(record.r_rows ?? 0),
      });
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(analyze);
  return found;
}

/**
 * The guarded tables a statement read too much of, by `accesses` (what ANALYZE counted)
 * against `sizes` (each guarded table's row count).
 */
export function examinedProblems(
  sql: string,
  accesses: TableAccess[],
  sizes: Map<string, number>,
): ExaminedProblem[] {
  const tables = tablesOf(sql);
  const problems: ExaminedProblem[] = [];
  for (const access of accesses) {
    const table = tables.get(access.table);
    const size = table === undefined ? undefined : sizes.get(table);
    if (table === undefined || size === undefined) continue;
    const read = Math.round(access.loops * access.rows);
    if (read > EXAMINED_MIN_ROWS && read > EXAMINED_MAX_SHARE * size) {
      problems.push({
        table,
        why: `read ${read} of the ${size} rows of ${table} (counted by ANALYZE: ${access.loops} × ${access.rows})`,
        access,
      });
    }
  }
  return problems;
}

/** The statements a guardrail should EXPLAIN: reads (SELECT, WITH … SELECT). */
export function isRead(sql: string): boolean {
  return /^\s*(\(\s*)*(SELECT|WITH)\b/i.test(sql);
}

/** `CALL name(args)`: the procedure and its argument texts, or null for any other statement. */
export function parseCall(sql: string): { name: string; args: string[] } | null {
  const match = /^\s*CALL\s+`?(\w+)`?\s*\(([\s\S]*)\)\s*;?\s*$/i.exec(sql);
  if (!match) return null;
  return { name: match[1]!, args: splitTopLevel(match[2]!, ',').filter((a) => a.trim() !== '') };
}

/**
 * `text` split at `separator` where it is outside quotes, backticks, comments and
 * parentheses (the pieces keep their whitespace).
 */
export function splitTopLevel(text: string, separator: ',' | ';'): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i = endOfQuoted(text, i);
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      i = text.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '#') {
      i = text.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) break;
      i += 2;
      continue;
    }
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === separator && depth === 0) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
    i += 1;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function endOfQuoted(text: string, at: number): number {
  const quote = text[at]!;
  let i = at + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && quote !== '`') i += 2;
    else if (c === quote && text[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return i;
}

/** `text` with comments removed (quoted text kept as is). */
export function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = endOfQuoted(text, i);
      out += text.slice(i, end);
      i = end;
    } else if ((c === '-' && text[i + 1] === '-') || c === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      out += ' ';
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/**
 * The reads of a stored procedure's body (`BEGIN … END`), each with the procedure's
 * parameters replaced by the call's argument texts, ready to EXPLAIN. A read that starts
 * inside `IF … THEN` or `ELSE` is found too. Local variables are not substituted: a read
 * that uses one fails to EXPLAIN, and the guardrail reports that rather than skip it.
 */
export function readsOfProcedure(body: string, params: string[], args: string[]): string[] {
  const values = new Map(params.map((name, i) => [name.toLowerCase(), args[i]?.trim() ?? 'NULL']));
  const statements = splitTopLevel(withoutComments(body), ';');
  const reads: string[] = [];
  for (const raw of statements) {
    // Strip the block syntax a statement may start with: BEGIN, labels, IF … THEN, ELSE.
    const statement = raw
      .replace(/^\s*(?:\w+\s*:\s*)?BEGIN\b/i, '')
      .replace(/^\s*(?:(?:ELSE)?IF\b[\s\S]*?\bTHEN\b|ELSE\b)/i, '');
    if (!isRead(statement)) continue;
    const select = statement.trim().replace(/\s+INTO\s+@?\w+(?:\s*,\s*@?\w+)*(?=\s+FROM\b)/i, '');
    reads.push(substituteWords(select, values));
  }
  return reads;
}

/** `text` with each bare word found in `values` (outside quotes) replaced by its value. */
function substituteWords(text: string, values: Map<string, string>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = endOfQuoted(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const word = /^\w+/.exec(text.slice(i));
    if (word) {
      const before = out.at(-1);
      const value = before === '.' ? undefined : values.get(word[0].toLowerCase());
      out += value ?? word[0];
      i += word[0].length;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

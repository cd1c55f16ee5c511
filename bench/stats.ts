/**
 * Pure helpers of the benchmarks (`npm run bench`, bench/): percentiles, pacing of a
 * fixed-rate load, statement classification, /proc parsing and Markdown formatting.
 * No I/O here, so they are unit-tested (stats.test.ts).
 */

/** Nearest-rank percentile (p in 0..100) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** The median as the nearest-rank 50th percentile (a value that was measured). */
export const median = (values: readonly number[]): number => percentile(values, 50);

export const round = (n: number, digits = 1): number => {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/**
 * When the `i`-th request (from 0) of an open-loop load at `ratePerSecond` is due, in the
 * clock of `startMs`. Latency is then measured from this time, not from the moment the
 * request could actually be sent, so a stalled server is not hidden (coordinated omission).
 */
export function dueAt(startMs: number, i: number, ratePerSecond: number): number {
  if (!(ratePerSecond > 0)) throw new Error('rate must be positive');
  return startMs + (i * 1_000) / ratePerSecond;
}

/** How many requests an open-loop load sends: rate × seconds, capped by `max`. */
export function openLoopCount(ratePerSecond: number, seconds: number, max: number): number {
  return Math.max(0, Math.min(max, Math.floor(ratePerSecond * seconds)));
}

/** The kind of one SQL statement: its first keyword, upper-cased (BEGIN, SELECT, …). */
export function statementKind(sql: string): string {
  const text = sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/^\s*--.*$/gm, ' ')
    .trim();
  const word = /^[(\s]*([A-Za-z]+)/.exec(text)?.[1];
  if (!word) return 'OTHER';
  const kind = word.toUpperCase();
  return kind === 'START' ? 'BEGIN' : kind;
}

/** `{ SELECT: 3, INSERT: 5, … }` of a list of statements, in first-seen order. */
export function countStatementKinds(statements: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sql of statements) {
    const kind = statementKind(sql);
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** "1 BEGIN · 3 SELECT · 5 INSERT" */
export const formatKinds = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(' · ');

/** User + system CPU seconds from the text of `/proc/<pid>/stat` (Linux). */
export function cpuSecondsFromStat(stat: string, ticksPerSecond = 100): number {
  // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('not a /proc stat line');
  return (utime + stime) / ticksPerSecond;
}

/** A `kB` field (VmRSS, VmHWM, …) of `/proc/<pid>/status`, in MiB; NaN when absent. */
export function statusMiB(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/**
 * Whether a queue's backlog stayed bounded over a steady load: the largest backlog of the
 * second half of the samples is at most `factor` × that of the first half plus `slack`
 * (e.g. one second's worth of orders). A backlog that keeps growing fails.
 */
export function backlogBounded(samples: readonly number[], slack: number, factor = 1.5): boolean {
  if (samples.length < 2) return true;
  const half = Math.floor(samples.length / 2);
  const first = Math.max(...samples.slice(0, half));
  const second = Math.max(...samples.slice(half));
  return second <= factor * first + slack;
}

/** A Markdown table; numeric columns are right-aligned; null, undefined and NaN show as –. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  const cell = (value: string | number | null | undefined) =>
    value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))
      ? '–'
      : String(value).replace(/\|/g, '\\|');
  // A column is numeric when every cell that has a value holds a number.
  const numeric = header.map((_, i) => {
    const present = rows.map((row) => row[i]).filter((v) => v !== null && v !== undefined);
    return present.length > 0 && present.every((v) => typeof v === 'number');
  });
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${numeric.map((right) => (right ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${header.map((_, i) => cell(row[i])).join(' | ')} |`),
  ].join('\n');
}

/** `ratio` as "0.73×", or "–" when either side is missing. */
export function ratioText(numerator: number, denominator: number, digits = 2): string {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return '–';
  return `${round(numerator / denominator, digits)}×`;
}

/** Bench result files are named after the run's start: `2026-11-24T23-15-00-000Z`. */
export const resultStamp = (at: Date): string => at.toISOString().replace(/[:.]/g, '-');

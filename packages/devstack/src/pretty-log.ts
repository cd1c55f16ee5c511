/**
 * pino writes one JSON object per line; on a terminal we show `12:00:01 INFO  message k=v`.
 * Lines that are not pino JSON (Vite, turbo, stack traces) pass through unchanged.
 */

const LEVELS: Record<number, { name: string; color: number }> = {
  10: { name: 'TRACE', color: 90 },
  20: { name: 'DEBUG', color: 36 },
  30: { name: 'INFO', color: 32 },
  40: { name: 'WARN', color: 33 },
  50: { name: 'ERROR', color: 31 },
  60: { name: 'FATAL', color: 35 },
};

/** Fields the pretty form shows elsewhere (the [app] prefix, the level, the stack) or not at all. */
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'v', 'err', 'error', 'app']);

export function paint(text: string, color: number, enabled: boolean): string {
  return enabled ? `\x1b[${color}m${text}\x1b[0m` : text;
}

function clock(time: unknown): string {
  const date = typeof time === 'number' || typeof time === 'string' ? new Date(time) : new Date();
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(11, 19);
}

function show(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/** The readable form of one pino JSON line, or the line itself if it is not one. */
export function prettyLine(line: string, color = false): string {
  if (!line.startsWith('{')) return line;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof record.level !== 'number' || record === null) return line;
  const level = LEVELS[record.level] ?? { name: `L${record.level}`, color: 37 };
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${show(value)}`);
  const parts = [
    paint(clock(record.time), 90, color),
    paint(level.name.padEnd(5), level.color, color),
    typeof record.msg === 'string' ? record.msg : '',
    ...(fields.length > 0 ? [paint(fields.join(' '), 90, color)] : []),
  ].filter((part) => part !== '');
  const error = (record.err ?? record.error) as { stack?: unknown; message?: unknown } | undefined;
  const stack = error && (typeof error.stack === 'string' ? error.stack : show(error));
  return stack ? `${parts.join(' ')}\n${stack}` : parts.join(' ');
}

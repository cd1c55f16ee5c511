/**
 * Opaque keyset cursors for the admin lists: base64url of a JSON array whose first item
 * names the ordering it belongs to, so a cursor from one sort is refused by another.
 */
export type CursorKey = string | number;

export function encodeCursor(ordering: string, keys: CursorKey[]): string {
  return Buffer.from(JSON.stringify([ordering, ...keys])).toString('base64url');
}

/** The keys, or null when `text` is not a cursor of `ordering` with keys of these kinds. */
/** The last millisecond a DATETIME holds (9999-12-31 23:59:59.999 UTC). */
const MAX_TIME_MS = 253_402_300_799_999;

/**
 * `int`: any safe integer; `time`: epoch milliseconds a DATETIME can hold (a forged
 * timestamp must be refused here, not become an Invalid Date in a query); `string`.
 */
export type CursorKind = 'string' | 'int' | 'time';

export function decodeCursor(
  text: string,
  ordering: string,
  kinds: CursorKind[],
): CursorKey[] | null {
  if (text.length > 400) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== kinds.length + 1 || value[0] !== ordering) {
    return null;
  }
  const keys = value.slice(1) as unknown[];
  const ok = kinds.every((kind, i) => {
    const key = keys[i];
    if (kind === 'string') return typeof key === 'string' && key.length <= 200;
    if (!Number.isSafeInteger(key)) return false;
    return kind === 'int' || ((key as number) >= 0 && (key as number) <= MAX_TIME_MS);
  });
  return ok ? (keys as CursorKey[]) : null;
}

/** A page of `limit` rows from a query that fetched `limit + 1`. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (last: T) => string) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}

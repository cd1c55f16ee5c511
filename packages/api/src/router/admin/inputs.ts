import { z } from 'zod';

/** Field schemas the admin routers share. */

export const ZId = z
  .number()
  .int()
  .positive()
  .max(2 ** 53 - 1);

export const ZLimit = (fallback = 25) => z.number().int().min(1).max(100).default(fallback);

/*
 * Fields staff type into: each message is the sentence the console shows under the field
 * (or alone in a toast), so it names the field and says what would be accepted.
 */

const integer = new Intl.NumberFormat('en-US');

/** Trimmed text of 1 to `max` characters, e.g. `ZText(200, 'Name')`. */
export const ZText = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `Enter a ${label.toLowerCase()}` })
    .max(max, { error: `${label} can be at most ${integer.format(max)} characters` });

/**
 * A whole number from `min` to `max`, e.g. `ZWhole('Reorder point', 0, 1_000_000)`:
 * "Reorder point must be a whole number from 0 to 1,000,000".
 */
export function ZWhole(label: string, min: number, max: number) {
  const error = `${label} must be a whole number from ${integer.format(min)} to ${integer.format(max)}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A search box: trimmed, at most 100 characters; empty means no search. */
export const ZSearch = z
  .string()
  .max(100, { error: 'at most 100 characters' })
  .transform((text) => text.trim() || undefined)
  .optional();

/** The `nextCursor` of the previous page; decoded by the procedure's own schema. */
export const ZCursorText = z.string().max(400).nullish();

/** Adds an issue on `cursor` when `decode` refuses it; the decoded cursor otherwise. */
export function decodeCursorField<T>(
  text: string | null | undefined,
  decode: (text: string) => T | null,
  ctx: z.RefinementCtx,
): T | undefined {
  if (!text) return undefined;
  const cursor = decode(text);
  if (cursor === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['cursor'],
      message: 'not a cursor this list handed out',
    });
    return undefined;
  }
  return cursor;
}

import { z } from 'zod';

/** Field schemas the admin routers share. */

export const ZId = z
  .number()
  .int()
  .positive()
  .max(2 ** 53 - 1);

export const ZLimit = (fallback = 25) => z.number().int().min(1).max(100).default(fallback);

/** Trimmed text of 1 to `max` characters. */
export const ZText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'required' })
    .max(max, { error: `at most ${max} characters` });

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

import { apiError } from '@stockpulse/live';
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/**
 * The first message per field of a failed zod parse: the browser runs the same shared
 * schemas as the server, so these read exactly like the server's answers. Nested paths
 * (`address.city`) are joined with dots.
 */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_form';
    fields[path] ??= issue.message;
  }
  return fields;
}

/** Parses `value` with `schema`: the data, or the field errors. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; fields: FieldErrors } {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, fields: zodFieldErrors(result.error) };
}

/**
 * The server's field errors (`error.data.zodError`, z.flattenError of the input) by
 * field, so a form can put each under its input.
 */
export function serverFieldErrors(error: unknown): FieldErrors {
  const { fieldErrors, formErrors } = apiError(error);
  const fields: FieldErrors = { ...fieldErrors };
  if (formErrors[0]) fields._form = formErrors[0];
  return fields;
}

/** "expected an email address" → "Expected an email address." for display. */
export function sentence(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The errors minus those of the fields whose value changed: an error stays under its
 * input only until the customer edits it.
 */
export function withoutEdited<T extends object>(
  errors: FieldErrors,
  before: T,
  after: T,
): FieldErrors {
  let next = errors;
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (before[key] !== after[key] && key in next) {
      const { [key]: _, ...rest } = next;
      next = rest;
    }
  }
  return next;
}

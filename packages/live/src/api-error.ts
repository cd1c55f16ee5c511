import { type ErrorCause, errorData } from '@stockpulse/shared/errors';

/**
 * A failed call as a front reads it (DESIGN §7): the message, tRPC's `code` and
 * `httpStatus`, the DomainError's `cause` and `details`, and zod's field errors of a
 * BAD_REQUEST with the first message of each field. Each front words these its own way
 * (the shop for customers, the console for staff); this is the one reading of them.
 */
export interface ApiError {
  message: string;
  code: string | null;
  httpStatus: number | null;
  cause: ErrorCause | null;
  details: Record<string, unknown> | null;
  /** The first message per field (`priceCents` → "Price must be from $0.01 to $1,000,000.00"). */
  fieldErrors: Record<string, string>;
  formErrors: string[];
}

/** Reads any thrown value: a tRPC client error, a network failure, a plain object in a test. */
export function apiError(error: unknown): ApiError {
  const data = errorData(error);
  const fieldErrors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(data.zodError?.fieldErrors ?? {})) {
    const first = messages?.[0];
    if (first) fieldErrors[field] = first;
  }
  return {
    message: error instanceof Error ? error.message : String(error),
    code: data.code ?? null,
    httpStatus: data.httpStatus ?? null,
    cause: data.cause ?? null,
    details: data.details ?? null,
    fieldErrors,
    formErrors: data.zodError?.formErrors ?? [],
  };
}

/** No answer from the server at all (offline, DNS, a proxy in the way). */
export function isNetworkError(error: unknown): boolean {
  return (
    error instanceof Error &&
    !(error as { data?: unknown }).data &&
    /fetch|network|load failed/i.test(error.message)
  );
}

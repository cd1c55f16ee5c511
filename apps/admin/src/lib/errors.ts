import type { ErrorCause } from '@stockpulse/shared';
import { plural, pluralForm } from './format';

/**
 * Reads the error shape of DESIGN §7 off a tRPC client error (or anything else) without
 * importing @trpc/client's runtime: `error.data` carries `code`, `cause`, `details` and,
 * for BAD_REQUEST, zod's flattened field errors.
 */
export interface ApiErrorInfo {
  message: string;
  code: string | null;
  cause: ErrorCause | null;
  details: Record<string, unknown> | null;
  /** The first message per field (`priceCents` → "Price must be from $0.01 to $1,000,000.00"). */
  fieldErrors: Record<string, string>;
  formErrors: string[];
}

interface ErrorData {
  code?: string;
  cause?: string | null;
  details?: Record<string, unknown> | null;
  zodError?: { formErrors?: string[]; fieldErrors?: Record<string, string[] | undefined> } | null;
}

export function apiError(error: unknown): ApiErrorInfo {
  const message = error instanceof Error ? error.message : String(error);
  const data =
    error && typeof error === 'object' && 'data' in error
      ? ((error as { data?: ErrorData }).data ?? {})
      : {};
  const fieldErrors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(data.zodError?.fieldErrors ?? {})) {
    const first = messages?.[0];
    if (first) fieldErrors[field] = first;
  }
  return {
    message,
    code: data.code ?? null,
    cause: (data.cause as ErrorCause | null | undefined) ?? null,
    details: data.details ?? null,
    fieldErrors,
    formErrors: data.zodError?.formErrors ?? [],
  };
}

/**
 * One sentence for a toast: the server's field errors when there are some (each names its
 * field, e.g. "Enter a reason"), else its message.
 */
export function describeError(error: unknown): string {
  const info = apiError(error);
  const fields = Object.values(info.fieldErrors);
  if (fields.length > 0 || info.formErrors.length > 0) {
    return [...info.formErrors, ...fields].join('; ');
  }
  if (info.code === 'UNAUTHORIZED') return 'Your session has ended: sign in again.';
  if (info.code === 'FORBIDDEN') return 'Administrators only.';
  return info.message;
}

/** A conflict caused by someone else's change: the data on screen is stale. */
export const isIllegalTransition = (error: unknown) =>
  apiError(error).cause === 'ILLEGAL_TRANSITION';

/** The message the adjust-stock field shows for STOCK_BELOW_RESERVED, with the floor. */
export function stockBelowReservedMessage(error: unknown): string | null {
  const info = apiError(error);
  if (info.cause !== 'STOCK_BELOW_RESERVED') return null;
  const reserved = Number(info.details?.reserved);
  const smallest = Number(info.details?.smallestDelta);
  if (Number.isFinite(reserved) && Number.isFinite(smallest)) {
    const removable = Math.max(0, -smallest);
    if (removable === 0) {
      return `Nothing can be removed: all ${plural(reserved, 'unit')} on hand ${pluralForm(reserved, 'is', 'are')} reserved by open orders.`;
    }
    const held =
      reserved === 0
        ? 'that is all there is on hand'
        : `${plural(reserved, 'more unit')} ${pluralForm(reserved, 'is', 'are')} reserved by open orders`;
    return `At most ${plural(removable, 'unit')} can be removed (${smallest}): ${held}.`;
  }
  return info.message;
}

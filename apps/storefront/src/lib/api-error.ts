import type { ErrorCause } from '@stockpulse/shared';

/**
 * Reading the API's error shape (DESIGN §7): `error.data` carries tRPC's `code` and
 * `httpStatus`, our `cause` and `details`, and the zod field errors of a BAD_REQUEST.
 * Kept structural (no `instanceof TRPCClientError`) so tests can hand in plain objects.
 */
export interface ApiErrorData {
  code?: string;
  httpStatus?: number;
  cause?: ErrorCause | null;
  details?: Record<string, unknown> | null;
  zodError?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
}

export function errorData(error: unknown): ApiErrorData {
  if (error && typeof error === 'object' && 'data' in error) {
    const data = (error as { data?: unknown }).data;
    if (data && typeof data === 'object') return data as ApiErrorData;
  }
  return {};
}

export function errorCause(error: unknown): ErrorCause | null {
  return errorData(error).cause ?? null;
}

export function errorCode(error: unknown): string | null {
  return errorData(error).code ?? null;
}

/** No answer from the server at all (offline, DNS, a proxy in the way). */
export function isNetworkError(error: unknown): boolean {
  return (
    !!error &&
    typeof error === 'object' &&
    !('data' in error && (error as { data?: unknown }).data) &&
    error instanceof Error &&
    /fetch|network|load failed/i.test(error.message)
  );
}

/** A sentence a customer can act on, for errors no form field owns. */
export function plainMessage(error: unknown): string {
  if (isNetworkError(error))
    return 'We couldn’t reach the shop. Check your connection and try again.';
  const { code, cause } = errorData(error);
  if (cause === 'TOO_MANY_ATTEMPTS')
    return 'Too many attempts. Please wait a moment and try again.';
  switch (code) {
    case 'UNAUTHORIZED':
      return 'Please sign in to continue.';
    case 'FORBIDDEN':
      return 'This is for customer accounts only.';
    case 'NOT_FOUND':
      return 'We couldn’t find that.';
    case 'TOO_MANY_REQUESTS':
      return 'Too many requests. Please wait a moment and try again.';
    case 'BAD_REQUEST':
      return 'Some details need fixing. Please check the form.';
    default:
      return 'Something went wrong on our side. Please try again.';
  }
}

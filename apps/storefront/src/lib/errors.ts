import { apiError, isNetworkError } from '@stockpulse/live';

/**
 * A sentence a customer can act on, for errors no form field owns. The error itself is
 * read by `apiError` (packages/live); this is only the shop's wording of it.
 */
export function plainMessage(error: unknown): string {
  if (isNetworkError(error))
    return 'We couldn’t reach the shop. Check your connection and try again.';
  const { code, cause } = apiError(error);
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

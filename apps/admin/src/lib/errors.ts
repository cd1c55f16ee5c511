import { apiError } from '@stockpulse/live';
import { plural, pluralForm } from '@stockpulse/shared/plural';

// What the console says about a failed call; the call is read by `apiError` (packages/live).

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

/**
 * REFUND_EXCEEDS_CAPTURED in the operator's words, with what is left to refund
 * (`details.refundableCents`: captured − refunded − pending refunds); null for another cause.
 */
export function refundExceedsMessage(
  error: unknown,
  format: (cents: number) => string,
): string | null {
  const info = apiError(error);
  if (info.cause !== 'REFUND_EXCEEDS_CAPTURED') return null;
  const refundable = Number(info.details?.refundableCents);
  if (!Number.isFinite(refundable)) return info.message;
  return refundable <= 0
    ? 'Nothing is left to refund: everything captured has been refunded or is being refunded.'
    : `At most ${format(refundable)} can be refunded: the rest was refunded already or is being refunded.`;
}

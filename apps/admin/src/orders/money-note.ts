import { formatCents } from '@stockpulse/shared/money';

/** Payment statuses whose money has been taken (DESIGN §12): giving back is a refund. */
const CAPTURED = new Set(['paid', 'partially_refunded']);

/**
 * What cancelling `amountCents` of an order does to the customer's money: a captured payment
 * is refunded; an authorization is captured for less. Without a paymentStatus (an older
 * answer) capture is taken to happen with the first parcel.
 */
export function cancelMoneyNote(
  amountCents: number,
  order: { paymentStatus?: string | null; shipments?: readonly unknown[] },
): string {
  if (amountCents <= 0) return 'Nothing is given back until you choose units.';
  const captured = order.paymentStatus
    ? CAPTURED.has(order.paymentStatus)
    : (order.shipments?.length ?? 0) > 0;
  return captured
    ? `This refunds ${formatCents(amountCents)} to the customer's card.`
    : `The card is charged ${formatCents(amountCents)} less.`;
}

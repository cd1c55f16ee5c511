/**
 * Shipments and returns (DESIGN §12): the statuses and the limits the API, the fronts and
 * the tests share.
 */

/**
 * A return's life: the shopper `requested` it; staff `approved` or `rejected` it; the
 * parcel came back and each line was `received` (restocked or damaged); the money went
 * back (`refunded`).
 */
export const RETURN_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'received',
  'refunded',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
/** Statuses in which a return still holds its lines (another return cannot take them). */
export const OPEN_RETURN_STATUSES = [
  'requested',
  'approved',
  'received',
  'refunded',
] as const satisfies readonly ReturnStatus[];

/** What staff do with a returned unit: back on the shelf, or set aside as damaged. */
export const RETURN_DISPOSITIONS = ['restock', 'damaged'] as const;
export type ReturnDisposition = (typeof RETURN_DISPOSITIONS)[number];

/** The days after delivery in which a shopper may ask for a return (RETURN_WINDOW_DAYS). */
export const DEFAULT_RETURN_WINDOW_DAYS = 30;

/** A line and how many of its units an action takes. */
export interface LineQuantity {
  orderDetailId: number;
  quantity: number;
}

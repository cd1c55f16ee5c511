/**
 * The causes a client can act on (DESIGN §7), each with the tRPC code it is answered
 * with. They reach the client as `error.data.cause`, next to `error.data.details`.
 * Plain strings here, so this file stays browser-safe and free of tRPC.
 */
export const ERROR_CAUSES = {
  OUT_OF_STOCK: 'CONFLICT',
  IDEMPOTENCY_KEY_REUSED: 'CONFLICT',
  PRICE_CHANGED: 'CONFLICT',
  ILLEGAL_TRANSITION: 'CONFLICT',
  /** Register with an email that already has an account. */
  EMAIL_TAKEN: 'CONFLICT',
  /** Wrong email or password, one answer for both (no account enumeration). */
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  /** Too many failed sign-ins; `details.retryAfterSeconds` says when to try again. */
  TOO_MANY_ATTEMPTS: 'TOO_MANY_REQUESTS',
  /**
   * A new password that is quick to guess (common, a repeat, a keyboard row, the email or
   * name); the message says why, `details.field` names the input, `details.reason` the kind.
   */
  WEAK_PASSWORD: 'BAD_REQUEST',
  /** Password hashing is saturated (a burst of sign-ups); `details.retryAfterSeconds`. */
  BUSY: 'SERVICE_UNAVAILABLE',
  /** An order or product that does not exist, or that the caller may not see. */
  NOT_FOUND: 'NOT_FOUND',
  /** A queue job that is not in the failed state cannot be retried. */
  JOB_NOT_FAILED: 'CONFLICT',
  /** An order line names an unknown or archived product. */
  PRODUCT_UNAVAILABLE: 'BAD_REQUEST',
  /** An order whose total is above what one order may hold. */
  ORDER_TOO_LARGE: 'BAD_REQUEST',
  /** An order without a shipping address, and none on the customer's profile. */
  SHIPPING_ADDRESS_REQUIRED: 'BAD_REQUEST',
  /** An adjustment would take on_hand below reserved; `details.smallestDelta` is the floor. */
  STOCK_BELOW_RESERVED: 'CONFLICT',
  /** An adjustment would take on_hand past the most one product may hold (`details.max`). */
  STOCK_LIMIT: 'BAD_REQUEST',
  /** A new product's SKU belongs to another product already. */
  SKU_TAKEN: 'CONFLICT',
  /** An order line names a product with several variants instead of one of them. */
  VARIANT_REQUIRED: 'BAD_REQUEST',
  /** A product's options and variants do not fit together; the message names the problem. */
  INVALID_VARIANTS: 'BAD_REQUEST',
  /** Stock would move below what is held or out of a state that has too little. */
  STOCK_UNAVAILABLE: 'CONFLICT',
  /** A location code belongs to another location already. */
  LOCATION_CODE_TAKEN: 'CONFLICT',
  /** A transfer in this status cannot do that (ship a received one, say). */
  TRANSFER_STATE: 'CONFLICT',
  /** A category of that name already sits under the same parent (or at the top level). */
  CATEGORY_EXISTS: 'CONFLICT',
  /** A category's parent would be the category itself or one of its descendants. */
  CATEGORY_CYCLE: 'BAD_REQUEST',
  /** An archived category cannot take new products or new subcategories. */
  CATEGORY_ARCHIVED: 'BAD_REQUEST',
  /** A category given by name that several categories have: give its id instead. */
  CATEGORY_AMBIGUOUS: 'BAD_REQUEST',
  /** An uploaded file past the size limit (`details.maxBytes`). */
  IMAGE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** An uploaded file that is not a picture in a format the shop takes (`details.format`). */
  IMAGE_UNSUPPORTED: 'UNSUPPORTED_MEDIA_TYPE',
  /** A product holding as many images as one may (`details.max`). */
  TOO_MANY_IMAGES: 'BAD_REQUEST',
  /** A reorder that does not name exactly the product's images: they changed meanwhile. */
  IMAGES_CHANGED: 'CONFLICT',
  /** A CSV import that cannot run at all: not CSV, no `sku` column, an unknown column. */
  IMPORT_INVALID: 'BAD_REQUEST',
  /** A CSV upload past MAX_IMPORT_BYTES (`details.maxBytes`). */
  IMPORT_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** An export's date range that is not `YYYY-MM-DD` to a later or equal `YYYY-MM-DD`. */
  INVALID_RANGE: 'BAD_REQUEST',
  /** The provider declined the card; `details.declineCode` says why (DECLINE_CODES). */
  PAYMENT_DECLINED: 'CONFLICT',
  /** A payment for an order that is not waiting for one (paid, cancelled, being charged). */
  PAYMENT_NOT_DUE: 'CONFLICT',
  /** A payment method token the provider does not know, or a card it cannot take. */
  INVALID_PAYMENT_METHOD: 'BAD_REQUEST',
  /** A refund past what is left of the capture (`details.refundableCents`). */
  REFUND_EXCEEDS_CAPTURED: 'CONFLICT',
  /** A return outside the window, of more than was shipped, or of units already returned. */
  RETURN_NOT_ALLOWED: 'CONFLICT',
  /** A return in this status cannot do that (approve a rejected one, say). */
  RETURN_STATE: 'CONFLICT',
  /** Shipping (or cancelling) more units of a line than are left open (`details.lines`). */
  OVER_FULFILMENT: 'CONFLICT',
} as const;
export type ErrorCause = keyof typeof ERROR_CAUSES;

/** Plain data the client can read: `{ items: [{ productId, requested, available }] }`. */
export type ErrorDetails = Record<string, unknown>;

/**
 * A business rule said no. Domain code (packages/core, which knows nothing of tRPC)
 * throws it bare; the API answers it with the cause's tRPC code, `cause` and `details`.
 * tRPC wraps a string `cause` in an Error and never sends it, hence a class.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCause,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}

/**
 * What a refused call carries to the client as `error.data` (the API's errorFormatter):
 * tRPC's `code` and `httpStatus`, the `cause` and `details` of a DomainError, and, for a
 * BAD_REQUEST, zod's flattened field errors.
 */
export interface ApiErrorData {
  code?: string;
  httpStatus?: number;
  cause?: ErrorCause | null;
  details?: ErrorDetails | null;
  zodError?: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[] | undefined>;
  } | null;
}

/**
 * `error.data` of a tRPC client error, or `{}` for anything else (a network failure, a
 * thrown string). Structural, no `instanceof TRPCClientError`: no tRPC in the bundle that
 * reads it, and tests can hand in plain objects.
 */
export function errorData(error: unknown): ApiErrorData {
  if (error && typeof error === 'object' && 'data' in error) {
    const data = (error as { data?: unknown }).data;
    if (data && typeof data === 'object') return data as ApiErrorData;
  }
  return {};
}

/** The cause a refused call names (`OUT_OF_STOCK`, `ILLEGAL_TRANSITION`, …), or null. */
export function errorCause(error: unknown): ErrorCause | null {
  return errorData(error).cause ?? null;
}

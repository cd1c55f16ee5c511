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

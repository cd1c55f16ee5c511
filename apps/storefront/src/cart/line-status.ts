/**
 * How a cart line stands against the live catalog: what the cart and checkout flag, and
 * the one-click fix they offer.
 */
export type LineStatus =
  | { kind: 'loading' }
  | { kind: 'ok' }
  /** Fewer left than the line asks for: the fix is to take what is left. */
  | { kind: 'short'; available: number }
  | { kind: 'soldOut' }
  /** Archived or unknown: the fix is to remove it. */
  | { kind: 'unavailable' };

export interface LiveProduct {
  available: number;
  priceCents: number;
}

export function lineStatus(
  quantity: number,
  product: LiveProduct | undefined,
  options: { missing?: boolean } = {},
): LineStatus {
  if (options.missing) return { kind: 'unavailable' };
  if (!product) return { kind: 'loading' };
  if (product.available <= 0) return { kind: 'soldOut' };
  if (product.available < quantity) return { kind: 'short', available: product.available };
  return { kind: 'ok' };
}

/** True when the line cannot be ordered as it is. */
export function needsFix(status: LineStatus): boolean {
  return status.kind === 'short' || status.kind === 'soldOut' || status.kind === 'unavailable';
}

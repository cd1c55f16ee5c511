/**
 * Idempotency keys for orders.place. One key per checkout attempt: the same cart and
 * address sent twice (a double click, a retry after a timeout) carry the same key, so the
 * server answers the second with the first order instead of placing another. Changing
 * what is ordered is a new attempt and gets a new key (the server refuses a key reused
 * for different items with IDEMPOTENCY_KEY_REUSED).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 32 random characters from [A-Za-z0-9_-] (192 bits), what placeOrderInput accepts. */
export function newIdempotencyKey(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(32));
  let key = '';
  for (const byte of bytes) key += ALPHABET[byte & 63];
  return key;
}

/** What identifies an attempt: the lines (merged, in a fixed order) and the address. */
export function attemptSignature(
  items: readonly { productId?: number; variantId?: number; quantity: number }[],
  shippingAddress: unknown,
): string {
  const merged = new Map<string, number>();
  for (const { productId, variantId, quantity } of items) {
    const key = variantId === undefined ? `p${productId}` : `v${variantId}`;
    merged.set(key, (merged.get(key) ?? 0) + quantity);
  }
  const lines = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([lines, shippingAddress ?? null]);
}

/** Hands out the key of the current attempt: the same one until the signature changes. */
export function createAttemptKeys(makeKey: () => string = newIdempotencyKey) {
  let current: { signature: string; key: string } | null = null;
  return {
    keyFor(signature: string): string {
      if (current?.signature !== signature) current = { signature, key: makeKey() };
      return current.key;
    },
    /** Forget the attempt (the server refused its key): the next send starts a new one. */
    reset() {
      current = null;
    },
  };
}

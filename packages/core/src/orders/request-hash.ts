import { createHash } from 'node:crypto';
import type { OrderLineInput, ShippingAddress } from '@stockpulse/shared';

/**
 * What makes two placements "the same request" for idempotency (Stripe's semantics): the
 * merged, sorted lines and the shipping address when one was given. The seed hashes its
 * historical orders the same way.
 */
export function orderRequestHash(items: OrderLineInput[], shippingAddress?: ShippingAddress) {
  const lines = items.map(({ variantId, productId, quantity }) =>
    variantId === undefined ? { productId, quantity } : { variantId, quantity },
  );
  const request = shippingAddress ? { items: lines, shippingAddress } : { items: lines };
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

import { z } from 'zod';
import { countryField } from './countries';

/**
 * The order-placement contract, browser-safe: the storefront validates its checkout with
 * the same schemas the API enforces.
 */
export const ORDER_LIMITS = {
  maxLines: 50,
  maxQuantity: 999,
  /** The largest order total: fits `orders.total_cents` (INT UNSIGNED) with room to spare. */
  maxTotalCents: 2_000_000_000,
} as const;

export const shippingAddressSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  line1: z.string().trim().min(1).max(120),
  line2: z.string().trim().max(120).nullish(),
  city: z.string().trim().min(1).max(80),
  region: z.string().trim().max(80).nullish(),
  postalCode: z.string().trim().min(1).max(20),
  country: countryField,
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

const orderLine = z.strictObject({
  productId: z
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1),
  quantity: z.number().int().min(1).max(ORDER_LIMITS.maxQuantity),
});
export type OrderLineInput = z.infer<typeof orderLine>;

/** Merges repeated products and sorts by product id (the order stock rows are locked in). */
export function mergeOrderLines(lines: readonly OrderLineInput[]): OrderLineInput[] {
  const merged = new Map<number, number>();
  for (const { productId, quantity } of lines) {
    merged.set(productId, (merged.get(productId) ?? 0) + quantity);
  }
  return [...merged]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => a.productId - b.productId);
}

export const placeOrderInput = z.strictObject({
  items: z
    .array(orderLine)
    .min(1, 'an order needs at least one line')
    .max(ORDER_LIMITS.maxLines * 4)
    .transform(mergeOrderLines)
    .pipe(
      z
        .array(
          orderLine.extend({
            quantity: z
              .number()
              .max(ORDER_LIMITS.maxQuantity, `at most ${ORDER_LIMITS.maxQuantity} of one product`),
          }),
        )
        .max(ORDER_LIMITS.maxLines, `at most ${ORDER_LIMITS.maxLines} different products`),
    ),
  /** One per checkout attempt: a retry or a double click sends the same key. */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8 to 64 letters, digits, _ or -'),
  /** The total the customer saw; if prices moved since, the order is refused. */
  expectedTotalCents: z.number().int().min(0).max(ORDER_LIMITS.maxTotalCents).optional(),
  shippingAddress: shippingAddressSchema.optional(),
});
export type PlaceOrderInput = z.infer<typeof placeOrderInput>;
